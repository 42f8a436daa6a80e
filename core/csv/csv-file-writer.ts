import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { formatCsvLine } from './write-csv.js';

/**
 * Writes a CSV file row by row (LF line ends, no BOM), waiting whenever the stream's buffer is
 * full, so a million rows pass through without piling up in memory.
 *
 * @example
 * const out = await CsvFileWriter.open('customers.csv', ['id', 'plan']);
 * await out.write({ id: 'customer-0000001', plan: 'basic' });
 * await out.close();
 */
export class CsvFileWriter {
  private rowCount = 0;

  private constructor(
    private readonly stream: WriteStream,
    readonly columns: readonly string[],
  ) {}

  /** Creates (or truncates) `path` and writes the header. */
  static async open(path: string, columns: readonly string[]): Promise<CsvFileWriter> {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    await once(stream, 'open');
    const writer = new CsvFileWriter(stream, columns);
    await writer.writeLine(formatCsvLine(columns));
    return writer;
  }

  /** Rows written so far, not counting the header. */
  get rows(): number {
    return this.rowCount;
  }

  /** Appends one row; a column missing from it is written blank. */
  async write(row: Readonly<Record<string, string>>): Promise<void> {
    this.rowCount += 1;
    await this.writeLine(formatCsvLine(this.columns.map((column) => row[column] ?? '')));
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private async writeLine(line: string): Promise<void> {
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain');
  }
}
