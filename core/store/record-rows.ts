import { CrmMlError } from '../errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../records/crm-record.js';
import { decodeJson } from './column-codec.js';
import type { RecordTable } from './database-schema.js';

/** The columns `iterate` and `get` read; `raw` only when asked, it can be large. */
export type RecordRow = Pick<
  RecordTable,
  'id' | 'object_type' | 'properties' | 'associations' | 'updated_at' | 'archived'
> & { raw?: string | null };

/** Turns a stored row back into the canonical record. */
export function toCrmRecord(row: RecordRow): CrmRecord {
  const record: CrmRecord = {
    id: row.id,
    objectType: row.object_type as ObjectType,
    properties: decodeJson<CrmRecord['properties']>(row.properties),
    updatedAt: row.updated_at,
    archived: row.archived === 1,
  };
  if (row.associations !== null) {
    record.associations = decodeJson<NonNullable<CrmRecord['associations']>>(row.associations);
  }
  if (row.raw !== undefined && row.raw !== null) record.raw = decodeJson<unknown>(row.raw);
  return record;
}

function invalid(index: number, field: string, message: string): CrmMlError {
  const path = `records[${index}].${field}`;
  return new CrmMlError('store_invalid_record', `record ${path} ${message}`, {
    details: [{ path, message }],
  });
}

/**
 * Checks what the store relies on. Connectors validate payloads at the edge; this guards the
 * store against a connector bug that would otherwise write unreadable rows.
 */
export function assertStorableRecord(
  record: CrmRecord,
  objectType: ObjectType,
  index: number,
): void {
  if (typeof record.id !== 'string' || record.id === '') {
    throw invalid(index, 'id', 'must be a non-empty string');
  }
  if (record.objectType !== objectType) {
    throw invalid(index, 'objectType', `is ${String(record.objectType)}, page is ${objectType}`);
  }
  if (typeof record.properties !== 'object' || record.properties === null) {
    throw invalid(index, 'properties', 'must be an object');
  }
  if (typeof record.updatedAt !== 'string' || Number.isNaN(Date.parse(record.updatedAt))) {
    throw invalid(index, 'updatedAt', 'must be an ISO 8601 timestamp');
  }
}

/** A record of a page with its position there, so errors can point at it. */
export interface PageEntry {
  record: CrmRecord;
  index: number;
}

/** Keeps one record per id, the last one the page lists: a page may repeat a record. */
export function lastPerId(records: readonly CrmRecord[]): PageEntry[] {
  const byId = new Map<string, PageEntry>();
  records.forEach((record, index) => byId.set(record.id, { record, index }));
  return [...byId.values()];
}
