import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { OBJECT_TYPES, type CrmRecord, type ObjectType } from '../../core/records/crm-record.js';
import { cursorFieldFor } from './hubspot-descriptor.js';
import type { HubSpotObject } from './hubspot-schemas.js';

/**
 * A HubSpot object in the canonical shape; properties stay the strings HubSpot sent, except
 * the last-modified one: it is `updatedAt`, and kept as a property it would make every write
 * (ours included) look like a change of content.
 */
export function toCrmRecord(objectType: ObjectType, object: HubSpotObject): CrmRecord {
  const updatedAt = object.updatedAt ?? object.createdAt;
  const properties: CrmRecord['properties'] = { ...object.properties };
  delete properties[cursorFieldFor(objectType)];
  const record: CrmRecord = {
    id: object.id,
    objectType,
    properties,
    updatedAt: updatedAt === undefined ? new Date(0).toISOString() : updatedAt.toISOString(),
    archived: object.archived ?? false,
    raw: object,
  };
  const associations = toAssociations(object.associations);
  if (associations !== null) record.associations = associations;
  return record;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(OBJECT_TYPES);

/**
 * The linked ids by object type, or null when the payload listed none. HubSpot keys the map
 * by the requested type name (`contacts`); types crm-ml does not know are left out.
 */
function toAssociations(
  associations: HubSpotObject['associations'],
): NonNullable<CrmRecord['associations']> | null {
  if (associations === undefined) return null;
  const linked: NonNullable<CrmRecord['associations']> = {};
  for (const [type, { results }] of Object.entries(associations)) {
    if (!KNOWN_TYPES.has(type)) continue;
    linked[type as ObjectType] = [...new Set(results.map((result) => result.id))];
  }
  return linked;
}

/**
 * The record's position in incremental sync, in epoch milliseconds: the last-modified
 * property search filters on, falling back to `updatedAt`, which HubSpot keeps equal to it.
 */
export function modifiedAtMs(object: HubSpotObject, cursorField: string, endpoint: string): number {
  const value = object.properties[cursorField];
  const parsed = value === undefined || value === null ? null : parseHubSpotTime(value);
  if (parsed !== null) return parsed;
  if (object.updatedAt !== undefined) return object.updatedAt.getTime();

  throw new CrmMlError(
    'hubspot_unexpected_payload',
    `HubSpot ${endpoint} returned record ${object.id} without a usable ${cursorField} or updatedAt`,
  );
}

/** HubSpot sends datetimes as ISO 8601 in v3 payloads, and as epoch milliseconds in older ones. */
export function parseHubSpotTime(value: string): number | null {
  if (/^\d+$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}
