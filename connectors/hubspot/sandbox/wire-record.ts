import { associationTypeName } from './association-types.js';
import { modifiedDateProperties } from './property-definition.js';
import type { PropertyCatalog } from './property-catalog.js';
import { propertyValue, type SandboxRecord } from './sandbox-record.js';

/** A record as HubSpot's CRM v3 API sends it (`SimplePublicObject`). */
export interface WireRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  /** Only when the request named `associations`: linked ids per requested object type. */
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

// Returned when a request names no properties, like HubSpot's per-type defaults.
const DEFAULT_RETURNED: Readonly<Record<string, readonly string[]>> = {
  contacts: ['email', 'firstname', 'lastname'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage', 'closedate'],
  tickets: ['subject', 'content'],
};

/**
 * Serialises a record with the requested properties. HubSpot always adds `hs_object_id`,
 * `createdate` and the last-modified date, sends unset defined properties as null and silently
 * drops names that are not defined.
 */
export function toWireRecord(
  record: SandboxRecord,
  requested: readonly string[] | null,
  catalog: PropertyCatalog,
  associationTypes: readonly string[] = [],
): WireRecord {
  const type = record.objectType;
  const always = ['createdate', ...modifiedDateProperties(type), 'hs_object_id'];
  const names = [...(requested ?? DEFAULT_RETURNED[type] ?? []), ...always];

  const properties: Record<string, string | null> = {};
  for (const name of names) {
    const value = propertyValue(record, name);
    if (value !== null || catalog.get(type, name)) properties[name] = value;
  }

  const wire: WireRecord = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
  };
  if (record.archivedAt !== null) wire.archivedAt = new Date(record.archivedAt).toISOString();
  const associations = wireAssociations(record, associationTypes);
  if (associations !== null) wire.associations = associations;
  return wire;
}

// HubSpot leaves a type out when the record has no link of it, and `associations` altogether
// when it has none of the requested types.
function wireAssociations(
  record: SandboxRecord,
  toTypes: readonly string[],
): NonNullable<WireRecord['associations']> | null {
  const associations: NonNullable<WireRecord['associations']> = {};
  for (const toType of toTypes) {
    const ids = [...(record.associations.get(toType) ?? [])].sort((a, b) => Number(a) - Number(b));
    if (ids.length === 0) continue;
    const type = associationTypeName(record.objectType, toType);
    associations[toType] = { results: ids.map((id) => ({ id, type })) };
  }
  return Object.keys(associations).length === 0 ? null : associations;
}
