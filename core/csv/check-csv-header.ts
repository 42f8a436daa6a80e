import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Validates a header line and returns its column names, trimmed (spaces around a header name
 * are never meant). Throws `csv_blank_column`, `csv_duplicate_columns` or
 * `csv_missing_columns`, naming the file and line.
 */
export function checkCsvHeader(
  path: string,
  line: number,
  fields: readonly string[],
  requiredColumns: readonly string[],
): string[] {
  const where = `${path}:line ${line}`;
  const columns = fields.map((field) => field.trim());

  const blank = columns.findIndex((column) => column === '');
  if (blank !== -1) {
    throw new CrmMlError('csv_blank_column', `${where}: column ${blank + 1} has no name`, {
      details: [{ path: `${where}, column ${blank + 1}`, message: 'header name is blank' }],
    });
  }

  const firstSeen = new Map<string, number>();
  const duplicates: { column: string; first: number; again: number }[] = [];
  columns.forEach((column, index) => {
    const first = firstSeen.get(column);
    if (first === undefined) firstSeen.set(column, index);
    else duplicates.push({ column, first: first + 1, again: index + 1 });
  });
  if (duplicates.length > 0) {
    const list = duplicates
      .map(({ column, first, again }) => `"${column}" (columns ${first} and ${again})`)
      .join(', ');
    throw new CrmMlError('csv_duplicate_columns', `${where}: duplicate column names: ${list}`, {
      details: duplicates.map(({ column, again }) => ({
        path: `${where}, column ${again}`,
        message: `"${column}" already names an earlier column`,
      })),
    });
  }

  const missing = requiredColumns.filter((column) => !firstSeen.has(column));
  if (missing.length > 0) {
    const names = missing.map((column) => `"${column}"`).join(', ');
    throw new CrmMlError(
      'csv_missing_columns',
      `${where}: missing required column(s) ${names}; the header has: ${columns.join(', ')}` +
        separatorHint(columns),
      { details: missing.map((column) => ({ path: where, message: `missing "${column}"` })) },
    );
  }

  return columns;
}

// One column whose name holds `;` or a tab is almost always a file split on that character.
function separatorHint(columns: readonly string[]): string {
  const only = columns.length === 1 ? (columns[0] ?? '') : '';
  const separator = only.includes(';') ? ';' : only.includes('\t') ? 'tab' : null;
  if (separator === null) return '';
  return (
    ` (one column whose name holds a ${separator === ';' ? "';'" : 'tab'}: ` +
    `the file looks ${separator}-separated, and it is read as comma-separated)`
  );
}
