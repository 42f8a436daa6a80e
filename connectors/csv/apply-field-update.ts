import type { FieldUpdate, WriteOutcome } from '../connector.js';
import type { CsvOutput } from './csv-output.js';

export interface FieldUpdateTarget {
  inputPath: string;
  idColumn: string;
  /** Ids of the input's valid rows: the only records a write may touch. */
  knownIds: ReadonlySet<string>;
  /** The output in memory, changed in place. */
  output: CsvOutput;
}

/**
 * Merges one record's values into the output in memory and says how it went. Values are kept
 * as text: null becomes blank, numbers and booleans their usual spelling.
 */
export function applyFieldUpdate(update: FieldUpdate, target: FieldUpdateTarget): WriteOutcome {
  const { recordId } = update;
  const { idColumn, output } = target;
  if (!target.knownIds.has(recordId)) {
    const message = `record "${recordId}" is not in ${target.inputPath}`;
    return { recordId, ok: false, code: 'csv_unknown_record', message, retryable: false };
  }

  const entries = Object.entries(update.values).filter(([name]) => name !== idColumn);
  const bad = entries.find(([, value]) => typeof value === 'number' && !Number.isFinite(value));
  if (bad !== undefined) {
    const message = `record "${recordId}": field "${bad[0]}" is ${String(bad[1])}`;
    return { recordId, ok: false, code: 'csv_invalid_value', message, retryable: false };
  }

  const row = output.rows.get(recordId) ?? {};
  for (const [name, value] of entries) {
    // A field written without provisioning still gets a column: a file has no schema to refuse.
    if (!output.fields.includes(name)) output.fields.push(name);
    row[name] = value === null ? '' : String(value);
  }
  output.rows.set(recordId, row);
  return { recordId, ok: true };
}
