import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { readCsv } from '../../../core/csv/index.js';
import { createLogger } from '../../../core/logging/logger.js';
import { toPropertyName } from '../../../core/records/property-name.js';
import { defineField } from './field-definition.js';
import type { SandboxInput } from './sandbox-record.js';
import type { SalesforceSandbox } from './start-salesforce-sandbox.js';

export { TELCO_SEED_PATH } from '../../hubspot/sandbox/seed-from-csv.js';

const logger = createLogger('sandbox.salesforce');
const NUMBER_PATTERN = /^-?(\d+\.?\d*|\.\d+)$/;

// Fields an insert needs on each object, filled from the row's first column when absent.
const NAME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Account: ['Name'],
  Contact: ['LastName'],
  Lead: ['LastName', 'Company'],
  Opportunity: ['Name'],
};
// Other required fields get a plain default so every row can be inserted.
const REQUIRED_DEFAULTS: Readonly<Record<string, Record<string, SandboxInput>>> = {
  Lead: { Status: 'Open - Not Contacted' },
  Opportunity: { StageName: 'Prospecting', CloseDate: '2024-12-31' },
  Task: { Status: 'Not Started', Priority: 'Normal' },
};

/**
 * The custom field a CSV column becomes: toPropertyName's snake case, each word capitalised,
 * plus `__c` — `customerID` → `Customer_Id__c`, `MonthlyCharges` → `Monthly_Charges__c`.
 */
export function toCustomFieldName(column: string): string {
  const words = toPropertyName(column).split('_');
  return `${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('_')}__c`;
}

/** How `seedRows` times the records and what it adds to each. */
export interface SeedRowsOptions {
  /** CreatedDate and SystemModstamp of every record; default the sandbox clock. */
  timestamp?: Date;
  /** Values beyond the row's columns for the row at `index`, e.g. a lookup to its contact. */
  extraValues?: (index: number) => Record<string, SandboxInput>;
}

/**
 * Seeds `objectName` from a CSV: every column becomes a custom field (Number(18, 2) when every
 * value is numeric or blank, else Text(255)), blank cells stay null, and the object's name
 * fields take the first column's value. All records share `options.timestamp` (default: the
 * sandbox clock) as CreatedDate and SystemModstamp. Returns the new ids in row order.
 */
export async function seedFromCsv(
  sandbox: SalesforceSandbox,
  objectName: string,
  csvPath: string,
  options: { timestamp?: Date } = {},
): Promise<string[]> {
  const { columns, rows, problems } = await readCsv(csvPath);
  for (const problem of problems) logger.warn(problem, 'seed row skipped');
  if (columns.length === 0) {
    throw new CrmMlError('sandbox_seed_empty', `${csvPath} has no columns to seed from`);
  }
  const ids = seedRows(sandbox, objectName, columns, rows, options);
  logger.info({ objectName, records: ids.length, csvPath }, 'sandbox seeded');
  return ids;
}

/** Seeds `objectName` from table rows as `seedFromCsv` does; returns the ids in row order. */
export function seedRows(
  sandbox: SalesforceSandbox,
  objectName: string,
  columns: readonly string[],
  rows: readonly Record<string, string>[],
  options: SeedRowsOptions = {},
): string[] {
  const schema = sandbox.data.requireSchema(objectName);
  const firstColumn = columns[0] ?? '';
  const names = columns.map((column) => ({ column, name: toCustomFieldName(column) }));
  for (const { column, name } of names) {
    if (schema.field(name)) continue;
    const numeric = rows.every((row) => {
      const value = (row[column] ?? '').trim();
      return value === '' || NUMBER_PATTERN.test(value);
    });
    const field = numeric
      ? defineField(name, 'double', column, { precision: 18, scale: 2 })
      : defineField(name, 'string', column, { length: 255 });
    sandbox.data.addCustomField(schema.name, { ...field, description: 'Seeded from CSV' });
  }

  const records = rows.map((row, index) => {
    const values: Record<string, SandboxInput> = { ...REQUIRED_DEFAULTS[schema.name] };
    for (const name of NAME_FIELDS[schema.name] ?? []) values[name] = row[firstColumn] ?? '';
    for (const { column, name } of names) {
      const value = (row[column] ?? '').trim();
      const numeric = schema.field(name)?.type === 'double';
      values[name] = value === '' ? null : numeric ? Number(value) : value;
    }
    return { ...values, ...options.extraValues?.(index) };
  });
  const timestamp = options.timestamp === undefined ? {} : { timestamp: options.timestamp };
  return sandbox.data.createMany(schema.name, records, timestamp);
}
