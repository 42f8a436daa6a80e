import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

import type { CrmRecord } from '../../../core/records/crm-record.js';

const TELCO_CSV = fileURLToPath(
  new URL('../../../data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv', import.meta.url),
);

/** `customerID` → `customer_id`, `StreamingTV` → `streaming_tv`, `tenure` → `tenure`. */
export function snakeCase(header: string): string {
  return header
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The Telco file as CSV rows with its original headers. */
export function readTelcoRows(): Record<string, string>[] {
  return parse(readFileSync(TELCO_CSV, 'utf8'), { columns: true, skip_empty_lines: true });
}

/** The Telco file as contact records with snake-cased property names, id = customer_id. */
export function readTelcoRecords(): CrmRecord[] {
  return readTelcoRows().map((row) => {
    const properties = Object.fromEntries(Object.entries(row).map(([k, v]) => [snakeCase(k), v]));
    return {
      id: String(properties['customer_id']),
      objectType: 'contacts',
      properties,
      updatedAt: '2024-01-01T00:00:00.000Z',
      archived: false,
    };
  });
}
