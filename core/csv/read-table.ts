import { open, readFile } from 'node:fs/promises';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { checkCsvHeader } from './check-csv-header.js';
import { readCsv, type CsvTable } from './read-csv.js';
import { TextEncodingGuard } from './text-encoding-guard.js';

/** `whitespace`: columns split on runs of spaces or tabs, as fixed-width logs are written. */
export const WHITESPACE = 'whitespace';

/** A table and the delimiter it was read with (`whitespace` or one character). */
export interface DelimitedTable extends CsvTable {
  delimiter: string;
  /** True when the delimiter was inferred from the header rather than given. */
  inferred: boolean;
}

/**
 * Reads a table whose first line is a header: CSV with `delimiter` (one character), or
 * whitespace-separated with `whitespace`. Without a delimiter, a header holding no comma,
 * semicolon, tab or quote but several space-separated names is read as whitespace-separated
 * (the CDNOW log); anything else as CSV with commas.
 */
export async function readTable(
  path: string,
  options: { delimiter?: string; requiredColumns?: readonly string[] } = {},
): Promise<DelimitedTable> {
  const requiredColumns = options.requiredColumns ?? [];
  let delimiter = options.delimiter;
  let inferred = false;
  if (delimiter === undefined) {
    inferred = true;
    delimiter = looksWhitespaceSeparated(await firstLine(path)) ? WHITESPACE : ',';
  }
  if (delimiter !== WHITESPACE) {
    return { ...(await readCsv(path, { delimiter, requiredColumns })), delimiter, inferred };
  }
  return { ...(await readWhitespaceTable(path, requiredColumns)), delimiter, inferred };
}

function looksWhitespaceSeparated(header: string): boolean {
  const text = header.trim();
  return !/[,;\t"]/.test(text) && text.split(/\s+/).length >= 2;
}

async function firstLine(path: string): Promise<string> {
  const file = await open(path).catch((error: unknown) => {
    throw notFound(path, error);
  });
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  } finally {
    await file.close();
  }
}

async function readWhitespaceTable(
  path: string,
  requiredColumns: readonly string[],
): Promise<CsvTable> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw notFound(path, error);
  });
  const guard = new TextEncodingGuard(path);
  guard.push(bytes);
  guard.end();
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1) throw new CrmMlError('csv_empty', `${path} is empty: no header, no rows`);

  const split = (line: string): string[] => line.trim().split(/\s+/);
  const columns = checkCsvHeader(
    path,
    headerIndex + 1,
    split(lines[headerIndex] as string),
    requiredColumns,
  );
  const table: CsvTable = { columns, rows: [], lines: [], problems: [] };
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const fields = split(line);
    if (fields.length !== columns.length) {
      table.problems.push({
        path: `${path}:line ${i + 1}`,
        message: `expected ${columns.length} fields as in the header, found ${fields.length}`,
      });
      continue;
    }
    table.rows.push(Object.fromEntries(columns.map((column, j) => [column, fields[j] as string])));
    table.lines.push(i + 1);
  }
  if (table.rows.length === 0 && table.problems.length === 0) {
    throw new CrmMlError('csv_empty', `${path} has a header but no rows`);
  }
  return table;
}

function notFound(path: string, error: unknown): CrmMlError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new CrmMlError('csv_not_found', `${path} does not exist`, { cause: error });
  }
  return new CrmMlError('csv_unreadable', `${path} cannot be read (${code ?? 'unknown'})`, {
    cause: error,
  });
}
