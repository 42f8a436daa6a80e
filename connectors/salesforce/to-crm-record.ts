import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import type { DescribedObject } from './describe-cache.js';
import { fromApiName } from './field-names.js';
import type { AssociationField } from './object-map.js';
import type { WireRecord } from './salesforce-schemas.js';

// Both move with every write, crm-ml's own included; kept as properties they would make each
// write-back look like a change of content. SystemModstamp is `updatedAt`; both stay in `raw`.
const DROPPED = new Set(['attributes', 'SystemModstamp', 'LastModifiedDate']);
const NUMERIC_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

export interface RecordShape {
  objectType: ObjectType;
  described: DescribedObject;
  associations: readonly AssociationField[];
  /** Bulk API CSV sends every value as text; REST JSON sends numbers and booleans typed. */
  fromCsv: boolean;
}

/**
 * A Salesforce record in the canonical shape:
 * - dates stay `YYYY-MM-DD` (never parsed, so no time zone can shift them); datetimes become
 *   ISO 8601 UTC with `Z` (Salesforce sends `+0000`: the same instant);
 * - null and '' are kept apart (REST JSON); in Bulk CSV an empty cell is null, because
 *   Salesforce stores no empty strings and the CSV cannot tell them apart;
 * - compound values (an address or location asked for by name) are flattened to
 *   `MailingAddress.street`; by default their components (MailingStreet…) are read instead;
 * - crm-ml's own custom fields get their crm-ml names back (`Crm_Ml_Score__c` → `crm_ml_score`).
 */
export function toCrmRecord(wire: WireRecord, shape: RecordShape): CrmRecord {
  const id = wire['Id'];
  const modstamp = wire['SystemModstamp'];
  if (typeof id !== 'string' || typeof modstamp !== 'string' || !isDateTime(modstamp)) {
    throw new CrmMlError(
      'salesforce_unexpected_payload',
      `A ${shape.described.name} record came without a usable Id and SystemModstamp`,
    );
  }

  const properties: Record<string, PropertyValue> = {};
  for (const [name, value] of Object.entries(wire)) {
    if (DROPPED.has(name)) continue;
    if (isPlainObject(value)) {
      for (const [part, inner] of Object.entries(value)) {
        if (part !== 'attributes') properties[`${name}.${part}`] = scalar(inner, null, false);
      }
      continue;
    }
    const type = shape.described.fields.get(name)?.type ?? null;
    properties[fromApiName(name)] = scalar(value, type, shape.fromCsv);
  }

  const record: CrmRecord = {
    id,
    objectType: shape.objectType,
    properties,
    updatedAt: toIsoUtc(modstamp),
    archived: wire['IsDeleted'] === true || wire['IsDeleted'] === 'true',
    raw: wire,
  };
  const associations = associationsOf(wire, shape.associations);
  if (associations !== null) record.associations = associations;
  return record;
}

function associationsOf(
  wire: WireRecord,
  fields: readonly AssociationField[],
): Partial<Record<ObjectType, string[]>> | null {
  if (fields.length === 0) return null;
  const links: Partial<Record<ObjectType, string[]>> = {};
  for (const { field, targetOf } of fields) {
    const value = wire[field];
    if (typeof value !== 'string' || value === '') continue;
    const type = targetOf(value);
    if (type === null) continue;
    const list = (links[type] ??= []);
    if (!list.includes(value)) list.push(value);
  }
  return links;
}

function scalar(value: unknown, type: string | null, fromCsv: boolean): PropertyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'string') return JSON.stringify(value);

  if (fromCsv && value === '') return null;
  if (type === 'datetime' && isDateTime(value)) return toIsoUtc(value);
  if (!fromCsv) return value;

  if (type === 'boolean') return value === 'true';
  if (type !== null && NUMERIC_TYPES.has(type)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : value;
  }
  return value;
}

function isDateTime(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(normalise(value)))
  );
}

/** `2024-03-01T10:00:00.000+0000` → `2024-03-01T10:00:00.000Z`. */
export function toIsoUtc(value: string): string {
  return new Date(Date.parse(normalise(value))).toISOString();
}

// Date.parse wants `+00:00`; Salesforce writes `+0000`.
function normalise(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
