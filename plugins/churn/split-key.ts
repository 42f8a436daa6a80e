import type { CrmRecord } from '../../core/records/crm-record.js';

/**
 * What keys a record's side of the held-out split: the `idProperty` value when set and not
 * blank, else the record id. Keys only need to be stable; `rowKeys` falls back to content
 * when they are not unique.
 */
export function splitKey(record: CrmRecord, idProperty: string | undefined): string {
  const value = idProperty === undefined ? null : (record.properties[idProperty] ?? null);
  const text = value === null ? '' : String(value).trim();
  return text === '' ? record.id : text;
}
