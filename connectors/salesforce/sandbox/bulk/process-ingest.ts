import type { ObjectSchema } from '../object-schema.js';
import type { SalesforceData } from '../salesforce-data.js';
import type { SaveError } from '../salesforce-error.js';
import { isDeleted } from '../sandbox-record.js';
import { prepareSave, type PreparedSave } from '../save-record.js';

/** One processed row: success with its id and whether it was created, or its errors. */
export type RowOutcome =
  | { ok: true; id: string; created: boolean; row: string[] }
  | { ok: false; id: string; errors: SaveError[]; row: string[] };

export interface IngestInput {
  operation: string;
  externalIdFieldName: string | undefined;
  columns: string[];
  rows: string[][];
}

/** Bulk's null marker: an empty cell leaves the field as it is, '#N/A' clears it. */
const NULL_MARKER = '#N/A';

function rowValues(columns: readonly string[], row: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const cell = row[index] ?? '';
    if (cell === '') return;
    values[column] = cell === NULL_MARKER ? null : cell;
  });
  return values;
}

function findByExternalId(
  data: SalesforceData,
  schema: ObjectSchema,
  fieldName: string,
  value: unknown,
): string | undefined {
  if (fieldName.toLowerCase() === 'id') return typeof value === 'string' ? value : undefined;
  const field = schema.field(fieldName);
  if (!field) return undefined;
  return data
    .records(schema.name)
    .find((record) => String(record.values[field.name] ?? '') === String(value ?? ''))?.id;
}

/** Applies one row of an insert, update, upsert or delete job, record by record. */
function prepareRow(
  data: SalesforceData,
  schema: ObjectSchema,
  input: IngestInput,
  values: Record<string, unknown>,
): PreparedSave {
  const { Id: rawId, id: lowerId, ...fields } = values;
  const id = typeof rawId === 'string' ? rawId : typeof lowerId === 'string' ? lowerId : undefined;
  if (input.operation === 'insert') return prepareSave(data, schema, undefined, fields);
  if (input.operation === 'update') {
    if (id === undefined) {
      const errors = [
        {
          statusCode: 'MISSING_ARGUMENT',
          message: 'Id not specified in an update call',
          fields: [],
        },
      ];
      return { ok: false, id, errors };
    }
    return prepareSave(data, schema, id, fields);
  }

  // upsert: match on the external id field (or Id); no match inserts.
  const key = input.externalIdFieldName ?? 'Id';
  const matched = findByExternalId(data, schema, key, values[key] ?? id);
  return key.toLowerCase() === 'id' || matched !== undefined
    ? prepareSave(data, schema, matched ?? id, fields)
    : prepareSave(data, schema, undefined, values);
}

/** Processes every row of a job with no all-or-none: each row succeeds or fails alone. */
export function processIngest(
  data: SalesforceData,
  schema: ObjectSchema,
  input: IngestInput,
): RowOutcome[] {
  return input.rows.map((row) => {
    const values = rowValues(input.columns, row);
    if (input.operation === 'delete') {
      const id = String(values['Id'] ?? '');
      const record = data.get(id);
      if (!record || isDeleted(record)) {
        const message = record ? 'entity is deleted' : 'invalid cross reference id';
        const statusCode = record ? 'ENTITY_IS_DELETED' : 'INVALID_CROSS_REFERENCE_KEY';
        return { ok: false, id, errors: [{ statusCode, message, fields: [] }], row };
      }
      data.delete(id);
      return { ok: true, id, created: false, row };
    }

    const prepared = prepareRow(data, schema, input, values);
    if (!prepared.ok) return { ok: false, id: prepared.id ?? '', errors: prepared.errors, row };
    const { id, created } = prepared.commit();
    return { ok: true, id, created, row };
  });
}
