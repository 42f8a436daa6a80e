import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes rows as a CSV file (LF line ends, no BOM) in one step: the text goes to a temporary
 * file beside the target, which is then renamed over it, so a reader never sees half a file.
 * A value missing from a row is written blank.
 */
export async function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, string>>>,
): Promise<void> {
  const lines = [formatCsvLine(columns)];
  for (const row of rows) lines.push(formatCsvLine(columns.map((column) => row[column] ?? '')));
  const text = `${lines.join('\n')}\n`;

  // Same directory as the target: rename is only atomic within one file system.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** One CSV line (no line end), quoting values a reader could split or trim. */
export function formatCsvLine(values: readonly string[]): string {
  return values.map(formatCsvValue).join(',');
}

function formatCsvValue(value: string): string {
  // Quote values a reader could split or trim; double the quotes inside.
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replaceAll('"', '""')}"`;
  return value;
}
