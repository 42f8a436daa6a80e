import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { streamCsv } from '../../core/csv/stream-csv.js';
import { writeCsv } from '../../core/csv/write-csv.js';
import type { Logger } from '../../core/logging/logger.js';

/** The output file in memory: the field columns and, per record id, the values written. */
export interface CsvOutput {
  /** Field columns in file order, without the id column. */
  fields: string[];
  rows: Map<string, Record<string, string>>;
}

/**
 * Reads the connector's output file; a missing file is an empty output. Lines the reader
 * cannot parse are logged and dropped: the next write rewrites the file without them.
 */
export async function readCsvOutput(
  path: string,
  idColumn: string,
  logger: Logger,
): Promise<CsvOutput> {
  const output: CsvOutput = { fields: [], rows: new Map() };

  try {
    const items = streamCsv(path, {
      requiredColumns: [idColumn],
      onColumns: (columns) => {
        output.fields = columns.filter((column) => column !== idColumn);
      },
    });
    for await (const item of items) {
      if ('problem' in item) logger.warn({ problem: item.problem }, 'output line dropped');
      else output.rows.set(item.row[idColumn] ?? '', withoutId(item.row, idColumn));
    }
  } catch (error) {
    // No file yet, or fields provisioned but nothing written: both are a valid output.
    const empty =
      error instanceof CrmMlError && ['csv_not_found', 'csv_empty'].includes(error.code);
    if (!empty) throw error;
  }
  return output;
}

/** Replaces the output file in one step (see `writeCsv`). Throws `csv_output_unwritable`. */
export async function writeCsvOutput(
  path: string,
  idColumn: string,
  output: CsvOutput,
): Promise<void> {
  const rows = [...output.rows].map(([id, values]) => ({ ...values, [idColumn]: id }));
  try {
    await writeCsv(path, [idColumn, ...output.fields], rows);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CrmMlError('csv_output_unwritable', `cannot write ${path} (${code})`, {
      cause: error,
    });
  }
}

function withoutId(row: Record<string, string>, idColumn: string): Record<string, string> {
  const values = { ...row };
  delete values[idColumn];
  return values;
}
