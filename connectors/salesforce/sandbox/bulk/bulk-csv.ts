import { parse } from 'csv-parse/sync';
import type { FieldDefinition } from '../field-definition.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { SalesforceHttpError } from '../salesforce-error.js';
import { formatDateTimeZulu } from '../wire-time.js';

export type LineEnding = 'LF' | 'CRLF';

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/** CSV rows as Bulk API 2.0 writes them: every value quoted, nulls left empty. */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  lineEnding: LineEnding,
): string {
  const newline = lineEnding === 'CRLF' ? '\r\n' : '\n';
  const lines = [columns.map(quote).join(',')];
  for (const row of rows)
    lines.push(row.map((cell) => (cell === null ? '' : quote(cell))).join(','));
  return lines.join(newline) + newline;
}

/** A field's CSV cell: datetimes in the `Z` form, booleans and numbers as text. */
export function csvCell(record: SandboxRecord, field: FieldDefinition): string | null {
  const value = record.values[field.name] ?? null;
  if (value === null) return null;
  if (field.type === 'datetime' && typeof value === 'string') return formatDateTimeZulu(value);
  return String(value);
}

/** Parses an uploaded CSV into its header and rows of cells. */
export function parseUpload(text: string): { columns: string[]; rows: string[][] } {
  let table: string[][];
  try {
    table = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable CSV';
    throw SalesforceHttpError.badRequest(
      'INVALIDJOB',
      `InvalidBatch : Failed to parse CSV: ${reason}`,
    );
  }
  const [columns = [], ...rows] = table;
  return { columns: columns.map((column) => column.trim()), rows };
}
