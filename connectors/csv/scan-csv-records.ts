import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import { streamCsv } from '../../core/csv/stream-csv.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { toPropertyName } from '../../core/records/property-name.js';

export interface ScanCsvRecordsOptions {
  path: string;
  idColumn: string;
  objectType: ObjectType;
  /** The file's modification time, which every record carries as `updatedAt`. */
  updatedAt: string;
  /** Receives every skipped line and every duplicate id, in file order. */
  onProblem: (problem: ErrorDetail) => void;
}

/**
 * Turns the rows of a CSV file into records, in file order. Rows the reader cannot parse and
 * rows with a blank id are skipped; a repeated id is yielded again (the later row wins when
 * consumers upsert) and reported as a problem.
 */
export async function* scanCsvRecords(options: ScanCsvRecordsOptions): AsyncGenerator<CrmRecord> {
  const { path, idColumn, objectType, updatedAt, onProblem } = options;
  let propertyNames = new Map<string, string>();
  const lineOfId = new Map<string, number>();

  const items = streamCsv(path, {
    requiredColumns: [idColumn],
    // A header-only file is a CRM with no records yet: one empty page, not an error.
    allowNoRows: true,
    onColumns: (columns) => {
      propertyNames = toPropertyNames(path, columns);
    },
  });

  for await (const item of items) {
    if ('problem' in item) {
      onProblem(item.problem);
      continue;
    }

    const where = `${path}:line ${item.line}`;
    const id = item.row[idColumn] ?? '';
    if (id === '') {
      onProblem({ path: where, message: `id column "${idColumn}" is blank; skipped` });
      continue;
    }

    const earlier = lineOfId.get(id);
    if (earlier !== undefined) {
      const message = `id "${id}" also on line ${earlier}; this later row wins`;
      onProblem({ path: where, message });
    }
    lineOfId.set(id, item.line);

    const properties: Record<string, string> = {};
    for (const [column, value] of Object.entries(item.row)) {
      properties[propertyNames.get(column) ?? column] = value;
    }
    yield { id, objectType, properties, updatedAt, archived: false, raw: item.row };
  }
}

/** Maps each header name to its property name; two headers may not share one. */
function toPropertyNames(path: string, columns: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const columnOf = new Map<string, string>();

  for (const column of columns) {
    const name = propertyNameOf(path, column);
    const other = columnOf.get(name);
    if (other !== undefined) {
      throw new CrmMlError(
        'csv_duplicate_columns',
        `${path}:line 1: columns "${other}" and "${column}" both become property "${name}"`,
      );
    }
    columnOf.set(name, column);
    names.set(column, name);
  }
  return names;
}

function propertyNameOf(path: string, column: string): string {
  try {
    return toPropertyName(column);
  } catch (error) {
    if (!(error instanceof CrmMlError)) throw error;
    throw new CrmMlError(error.code, `${path}:line 1: column ${error.message}`, { cause: error });
  }
}
