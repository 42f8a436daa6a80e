import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { parse, type CsvError, type InfoRecord } from 'csv-parse';
import { LineCounter } from './line-counter.js';
import { TextEncodingGuard } from './text-encoding-guard.js';

/** Where one parser run starts in the file. */
export interface CsvSegmentStart {
  path: string;
  /** Byte offset of the first byte to parse. */
  byte: number;
  /** Line number (1-based) of that byte in the whole file. */
  line: number;
  delimiter: string;
  maxRecordBytes: number;
  /** False reads `"` as an ordinary character (tab-separated text with quotes in it). */
  quote: boolean;
  /** Fail on a NUL byte or bytes that are not UTF-8; false for a file with a UTF-16 BOM. */
  checkText: boolean;
}

/** One event of a segment: a parsed record, or the malformed record that ended the segment. */
export type CsvSegmentEvent =
  | {
      kind: 'record';
      fields: string[];
      /** Line the record starts on (a quoted field may span several lines). */
      line: number;
      /** Byte offset just past the record, where the next one starts. */
      endByte: number;
      /** Line of `endByte`. */
      nextLine: number;
    }
  | { kind: 'malformed'; error: CsvError };

/**
 * Parses records from a byte offset until the end of the file or the first malformed record.
 *
 * csv-parse can skip a malformed record and go on, but after a quote error it keeps going in
 * the wrong state (an unclosed quote swallows the rest of the file). So the segment stops at
 * the first error; the caller skips the broken line and starts a fresh segment after it.
 */
export async function* parseCsvSegment(start: CsvSegmentStart): AsyncGenerator<CsvSegmentEvent> {
  // Filled by the parser's callback; an object so TypeScript does not narrow it to `null`.
  const state: { malformed: { error: CsvError; recordsBefore: number } | null } = {
    malformed: null,
  };

  const parser = parse({
    delimiter: start.delimiter,
    quote: start.quote ? '"' : false,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: start.maxRecordBytes,
    skip_records_with_error: true,
    on_skip: (error) => {
      // Keep the first error only: what the parser reports after it is unreliable.
      if (error !== undefined && state.malformed === null) {
        state.malformed = { error, recordsBefore: parser.info.records };
      }
      return undefined;
    },
  });
  const lines = new LineCounter(start.byte, start.line);
  const input = createReadStream(start.path, { start: start.byte });
  const checked = start.checkText ? checkedText(start) : null;
  input.on('data', (chunk) => lines.push(chunk as Buffer));
  input.on('error', (error) => parser.destroy(error));
  if (checked === null) input.pipe(parser);
  else {
    checked.on('error', (error) => parser.destroy(error));
    input.pipe(checked).pipe(parser);
  }

  try {
    for await (const item of parser as AsyncIterable<ParsedItem>) {
      const seen = state.malformed;
      if (seen !== null && item.info.records > seen.recordsBefore) break;

      const endByte = start.byte + item.info.bytes;
      const { startLine, nextLine } = lines.advanceTo(endByte);
      yield { kind: 'record', fields: item.record, line: startLine, endByte, nextLine };
    }
  } finally {
    input.destroy();
    checked?.destroy();
    parser.destroy();
  }

  if (state.malformed !== null) yield { kind: 'malformed', error: state.malformed.error };
}

// Passes the bytes on once the guard has seen them, so the parser never reads a bad one.
function checkedText(start: CsvSegmentStart): Transform {
  const guard = new TextEncodingGuard(start.path, start.byte, start.line);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        guard.push(chunk);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        guard.end();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

interface ParsedItem {
  record: string[];
  info: InfoRecord;
}
