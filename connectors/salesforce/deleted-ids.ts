import type { SalesforceApi } from './salesforce-api.js';
import { queryPages } from './query-pages.js';
import { soqlDateTime } from './soql.js';

/**
 * Ids deleted since `ts`, through `queryAll` (the only query that sees the recycle bin).
 * Deleting a record moves its SystemModstamp, so `>=` finds every delete since the cursor;
 * a delete seen twice is harmless. Records purged from the recycle bin (after 15 days, or
 * emptied) are invisible: an org synced less often than that needs a periodic full sync.
 */
export async function readDeletedIds(
  api: SalesforceApi,
  sObject: string,
  ts: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const soql =
    `SELECT Id FROM ${sObject} WHERE IsDeleted = true ` +
    `AND SystemModstamp >= ${soqlDateTime(ts)} ORDER BY SystemModstamp, Id`;
  const ids: string[] = [];
  const options =
    signal === undefined ? { includeDeleted: true } : { includeDeleted: true, signal };
  for await (const page of queryPages(api, soql, options)) {
    for (const record of page) {
      if (typeof record['Id'] === 'string') ids.push(record['Id']);
    }
  }
  return ids;
}
