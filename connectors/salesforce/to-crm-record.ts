import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import type { DescribedObject } from './describe-cache.js';
import { fromApiName } from './field-names.js';
import type { AssociationField } from './object-map.js';
import type { WireRecord } from './salesforce-schemas.js';

// Both move with every write, crm-ml's own included; kept as properties they would make each
// write-back look like a change of content. SystemModstamp is `updatedAt`; both stay in `raw`.
const DROPPED = new Set(['attributes', 'SystemModstamp', 'LastModifiedDate']);
const NUMERIC_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);
const COMPOUND_TYPES = new Set(['address', 'location']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface RecordShape {
  objectType: ObjectType;
  described: DescribedObject;
  associations: readonly AssociationField[];
  /** Bulk API CSV sends every value as text; REST JSON sends numbers and booleans typed. */
  fromCsv: boolean;
}

/** The usable records of a page, and a problem naming the record and field for each other. */
export interface ConvertedRecords {
  records: CrmRecord[];
  problems: ErrorDetail[];
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
 *
 * Throws on a record without a usable Id and SystemModstamp; a value that does not fit its
 * field's type is dropped and named in `problems`.
 */
export function toCrmRecord(
  wire: WireRecord,
  shape: RecordShape,
  problems: ErrorDetail[] = [],
): CrmRecord {
  const id = wire['Id'];
  const modstamp = wire['SystemModstamp'];
  if (typeof id !== 'string' || id === '') {
    throw new CrmMlError(
      'salesforce_unexpected_payload',
      `A ${shape.described.name} record came without a usable Id`,
      { details: [{ path: `${shape.described.name}.Id`, message: `got ${describe(id)}` }] },
    );
  }
  if (typeof modstamp !== 'string' || !isDateTime(modstamp)) {
    throw new CrmMlError(
      'salesforce_unexpected_payload',
      `${shape.described.name} ${id} came without a usable SystemModstamp`,
      {
        details: [
          {
            path: `${shape.described.name} ${id}.SystemModstamp`,
            message: `got ${describe(modstamp)}`,
          },
        ],
      },
    );
  }

  const properties: Record<string, PropertyValue> = {};
  for (const [name, value] of Object.entries(wire)) {
    if (DROPPED.has(name)) continue;
    const type = shape.described.fields.get(name)?.type ?? null;
    if (isPlainObject(value) && (type === null || COMPOUND_TYPES.has(type))) {
      for (const [part, inner] of Object.entries(value)) {
        if (part !== 'attributes') properties[`${name}.${part}`] = scalar(inner, null, false);
      }
      continue;
    }
    const misfit = shape.fromCsv ? null : misfitOf(value, type);
    if (misfit !== null) {
      problems.push({
        path: `${shape.described.name} ${id}.${name}`,
        message: `${misfit}; value dropped`,
      });
      continue;
    }
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

/**
 * Every usable record of a page: one that cannot be read (no Id, no SystemModstamp) is
 * skipped and named, a value that does not fit its field is dropped and named, and the rest
 * of the page is kept.
 */
export function toCrmRecords(wires: readonly WireRecord[], shape: RecordShape): ConvertedRecords {
  const converted: ConvertedRecords = { records: [], problems: [] };
  for (const wire of wires) {
    try {
      converted.records.push(toCrmRecord(wire, shape, converted.problems));
    } catch (error) {
      if (!(error instanceof CrmMlError)) throw error;
      const detail = error.details[0];
      converted.problems.push({
        path: detail?.path ?? shape.described.name,
        message: `record skipped: ${error.message}${detail === undefined ? '' : ` (${detail.message})`}`,
      });
    }
  }
  return converted;
}

/** Why a REST JSON value cannot be a value of a field of `type`, or null when it fits. */
function misfitOf(value: unknown, type: string | null): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return 'expected one value, got a list';
  if (type === null) return null;
  if (isPlainObject(value)) return `expected a ${type} value, got an object`;
  if (NUMERIC_TYPES.has(type) && typeof value !== 'number') {
    return `expected a number (${type}), got ${describe(value)}`;
  }
  if (type === 'boolean' && typeof value !== 'boolean') {
    return `expected true or false, got ${describe(value)}`;
  }
  if (type === 'datetime' && (typeof value !== 'string' || !isDateTime(value))) {
    return `expected a datetime, got ${describe(value)}`;
  }
  if (type === 'date' && (typeof value !== 'string' || !DATE.test(value))) {
    return `expected a date (YYYY-MM-DD), got ${describe(value)}`;
  }
  return null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `text ${JSON.stringify(value.slice(0, 40))}`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
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
