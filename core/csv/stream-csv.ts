import { access, constants, open, stat } from 'node:fs/promises';
import type { CsvError } from 'csv-parse';
import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';
import { checkCsvHeader } from './check-csv-header.js';
import { findBrokenLine } from './find-broken-line.js';
import { parseCsvSegment, type CsvSegmentStart } from './parse-csv-segment.js';

export interface CsvReadOptions {
  /** Header names that must be present (compared exactly, after trimming the header). */
  requiredColumns?: readonly string[];
  /** Field delimiter; `,` when absent. */
  delimiter?: string;
  /**
   * Largest record accepted, in bytes. It also bounds what an unclosed quote can swallow
   * before it is reported. 16 MiB when absent.
   */
  maxRecordBytes?: number;
  /** False when the first line is data: columns are then named by 0-based index ('0', '1', …). */
  header?: boolean;
  /** False reads `"` as an ordinary character, for tab-separated text that quotes words. */
  quote?: boolean;
}

export interface StreamCsvOptions extends CsvReadOptions {
  /** Called once with the header's column names, before the first row. */
  onColumns?: (columns: readonly string[]) => void;
  /** A header without rows is a valid, empty table (a CRM export of nothing); default false. */
  allowNoRows?: boolean;
}

/** A row keyed by header name, or a problem that made the reader skip a line. */
export type CsvStreamItem =
  { line: number; row: Record<string, string> } | { line: number; problem: ErrorDetail };

const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Streams the rows of a UTF-8 CSV file (BOM or not, LF or CRLF) whose first line is a header.
 * A malformed row (wrong field count, broken quote) is yielded as a problem and skipped; the
 * rows after it are still read. Values are kept as written, except that a value of only
 * whitespace becomes ''.
 *
 * Throws `csv_not_found`, `csv_empty` (also for a header without rows, unless `allowNoRows`),
 * `csv_missing_columns`, `csv_duplicate_columns`, `csv_blank_column`, `csv_malformed_header`,
 * `csv_binary` (a NUL byte) or `csv_not_utf8` (naming the line and byte of the first bad one).
 *
 * @example
 * for await (const item of streamCsv('customers.csv', { requiredColumns: ['id'] })) {
 *   if ('row' in item) use(item.row);
 * }
 */
export async function* streamCsv(
  path: string,
  options: StreamCsvOptions = {},
): AsyncGenerator<CsvStreamItem> {
  await assertReadableFile(path);
  const checkText = !(await startsWithUtf16Bom(path));

  let start: CsvSegmentStart | null = {
    path,
    byte: 0,
    line: 1,
    delimiter: options.delimiter ?? ',',
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
    quote: options.quote ?? true,
    checkText,
  };
  let columns: string[] | null = null;
  let dataLines = 0;

  while (start !== null) {
    const segment: CsvSegmentStart = start;
    let lastEnd = { byte: segment.byte, line: segment.line };
    start = null;

    for await (const event of parseCsvSegment(segment)) {
      if (event.kind === 'malformed') {
        if (columns === null) throw malformedHeader(path, event.error);

        // The broken record starts right after the last good one; resume on the next line.
        const broken = await findBrokenLine(path, lastEnd.byte, lastEnd.line);
        dataLines += 1;
        yield { line: broken.line, problem: problemAt(path, broken.line, event.error, columns) };
        if (broken.nextByte !== null) {
          start = { ...segment, byte: broken.nextByte, line: broken.line + 1 };
        }
        continue;
      }

      lastEnd = { byte: event.endByte, line: event.nextLine };
      if (columns === null) {
        const header =
          options.header === false ? event.fields.map((_, i) => String(i)) : event.fields;
        columns = checkCsvHeader(path, event.line, header, options.requiredColumns ?? []);
        options.onColumns?.(columns);
        if (options.header !== false) continue;
      }
      if (isBlankLine(event.fields)) continue;

      dataLines += 1;
      yield toItem(path, event.line, event.fields, columns);
    }
  }

  if (columns === null) throw new CrmMlError('csv_empty', `${path} is empty: no header, no rows`);
  if (dataLines === 0 && options.allowNoRows !== true) {
    throw new CrmMlError('csv_empty', `${path} has a header but no rows`);
  }
}

async function assertReadableFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new CrmMlError('csv_not_found', `${path} is not a file (a directory?)`);
    }
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof CrmMlError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CrmMlError('csv_not_found', `${path} does not exist`, { cause: error });
    }
    throw new CrmMlError('csv_unreadable', `${path} cannot be read (${code ?? 'unknown'})`, {
      cause: error,
    });
  }
}

// csv-parse decodes a file with a UTF-16LE BOM itself; every other file must be UTF-8.
async function startsWithUtf16Bom(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0xff && buffer[1] === 0xfe;
  } finally {
    await file.close();
  }
}

// A line of only spaces is a blank line that csv-parse does not recognise as one.
function isBlankLine(fields: readonly string[]): boolean {
  return fields.length === 1 && (fields[0] ?? '').trim() === '';
}

function toItem(path: string, line: number, fields: string[], columns: string[]): CsvStreamItem {
  if (fields.length !== columns.length) {
    const message = `expected ${columns.length} fields as in the header, found ${fields.length}`;
    return { line, problem: { path: `${path}:line ${line}`, message } };
  }

  // fromEntries, not assignment: a column named `__proto__` must stay a plain key.
  const row: Record<string, string> = Object.fromEntries(
    columns.map((column, index) => {
      const value = fields[index] ?? '';
      // Whitespace-only means blank: the Telco file writes an unknown TotalCharges as ' '.
      return [column, value.trim() === '' ? '' : value];
    }),
  );
  return { line, row };
}

function problemAt(path: string, line: number, error: CsvError, columns: string[]): ErrorDetail {
  return { path: `${path}:line ${line}`, message: `${describeCsvError(error, columns)}; skipped` };
}

function malformedHeader(path: string, error: CsvError): CrmMlError {
  return new CrmMlError(
    'csv_malformed_header',
    `${path}:line 1: the header cannot be read: ${describeCsvError(error, [])}`,
    { cause: error },
  );
}

function describeCsvError(error: CsvError, columns: string[]): string {
  const index = typeof error['column'] === 'number' ? error['column'] : null;
  const name = index === null ? undefined : columns[index];
  const where = index === null ? '' : `column ${index + 1}${name ? ` (${name})` : ''}: `;

  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${where}a quote opened on this line is never closed`;
    case 'CSV_MAX_RECORD_SIZE':
      return `${where}the record runs past the size limit (an unclosed quote?)`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `${where}a closing quote is followed by text instead of a delimiter`;
    case 'INVALID_OPENING_QUOTE':
      return `${where}a quote appears inside an unquoted value`;
    default:
      return `${where}${error.message}`;
  }
}
