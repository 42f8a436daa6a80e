import { shippedFile } from '../../../core/config/package-root.js';
import { readCsv } from '../../../core/csv/index.js';
import { createLogger } from '../../../core/logging/logger.js';
import { toPropertyName } from '../../../core/records/property-name.js';
import { defaultGroupName, defaultGroups } from './default-properties.js';
import type { PropertyDefinition } from './property-definition.js';
import type { CreateOptions, SandboxData } from './sandbox-data.js';
import type { HubSpotSandbox } from './start-hubspot-sandbox.js';

/** Absolute path of the Telco customer churn CSV shipped in the repo (7,043 customers). */
export const TELCO_SEED_PATH: string = shippedFile(
  'data',
  'telco-churn',
  'WA_Fn-UseC_-Telco-Customer-Churn.csv',
);

const logger = createLogger('sandbox.hubspot');

const NUMBER_PATTERN = /^-?(\d+\.?\d*|\.\d+)$/;

/** Defines a property per column: number when every value is numeric or blank, else string. */
export function defineSeedColumns(
  data: SandboxData,
  objectType: string,
  names: readonly { name: string; column: string }[],
  rows: readonly Record<string, string>[],
): void {
  const now = data.now().toISOString();
  // Seeded columns land in the type's built-in group, where HubSpot files e.g. contact details.
  const group = defaultGroupName(objectType);
  for (const definition of defaultGroups(objectType)) {
    if (!data.catalog.getGroup(objectType, definition.name)) {
      data.catalog.addGroup(objectType, definition);
    }
  }

  names.forEach(({ name, column }) => {
    const numeric = rows.every((row) => {
      const value = (row[column] ?? '').trim();
      return value === '' || NUMBER_PATTERN.test(value);
    });
    const definition: PropertyDefinition = {
      name,
      label: name,
      type: numeric ? 'number' : 'string',
      fieldType: numeric ? 'number' : 'text',
      groupName: group,
      description: 'Seeded from CSV',
      options: [],
      displayOrder: -1,
      readOnlyValue: false,
      hubspotDefined: false,
      createdAt: now,
      updatedAt: now,
    };
    data.catalog.add(objectType, definition); // an existing definition is kept as it is
  });
}

/**
 * Seeds `objectType` from CSV rows: header names → HubSpot property names via toPropertyName.
 * Blank cells stay unset. Every record gets `options.timestamp` (default: the sandbox clock)
 * as its create and last-modified date. Returns created ids in row order.
 */
export async function seedFromCsv(
  sandbox: HubSpotSandbox,
  objectType: string,
  csvPath: string,
  options: { timestamp?: Date } = {},
): Promise<string[]> {
  const { columns, rows, problems } = await readCsv(csvPath);
  for (const problem of problems) logger.warn(problem, 'seed row skipped');
  const timestamp = options.timestamp ?? sandbox.data.now();
  return seedRows(sandbox.data, objectType, columns, rows, () => ({ timestamp }));
}

/**
 * Seeds `objectType` from table rows as `seedFromCsv` does; `createOptions` gives each row
 * its time and associations (e.g. the contact an order belongs to).
 */
export function seedRows(
  data: SandboxData,
  objectType: string,
  columns: readonly string[],
  rows: readonly Record<string, string>[],
  createOptions: (row: Record<string, string>, index: number) => CreateOptions,
): string[] {
  const names = columns.map((column) => ({ name: toPropertyName(column), column }));
  defineSeedColumns(data, objectType, names, rows);

  return rows.map((row, index) => {
    const properties: Record<string, string | null> = {};
    names.forEach(({ name, column }) => {
      const value = (row[column] ?? '').trim();
      properties[name] = value === '' ? null : value;
    });
    return data.create(objectType, properties, createOptions(row, index));
  });
}
