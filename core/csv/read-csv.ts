import type { ErrorDetail } from '../errors/crm-ml-error.js';
import { streamCsv, type CsvReadOptions } from './stream-csv.js';

/** A whole CSV file in memory: the good rows, and the lines that were skipped and why. */
export interface CsvTable {
  columns: string[];
  rows: Record<string, string>[];
  /** The file line each row starts on, by row index. */
  lines: number[];
  problems: ErrorDetail[];
}

/**
 * Reads a whole CSV file; see `streamCsv` for the rules and error codes. Use `streamCsv` for
 * files too big to hold in memory.
 *
 * @example
 * const { rows, problems } = await readCsv('telco.csv', { requiredColumns: ['customerID'] });
 */
export async function readCsv(path: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const table: CsvTable = { columns: [], rows: [], lines: [], problems: [] };
  const onColumns = (columns: readonly string[]): void => {
    table.columns = [...columns];
  };

  for await (const item of streamCsv(path, { ...options, onColumns })) {
    if ('row' in item) {
      table.rows.push(item.row);
      table.lines.push(item.line);
    } else table.problems.push(item.problem);
  }
  return table;
}
