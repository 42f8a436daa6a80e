import { CrmMlError } from '../errors/crm-ml-error.js';

const LF = 0x0a;
const NUL = 0x00;
// Text in any 8-bit encoding has next to no control bytes; random or packed bytes have ~13 %.
const BINARY_CONTROL_SHARE = 0.05;
const SAMPLE_BYTES = 4096;

/**
 * Checks the bytes of a text file as they stream by: a NUL byte means a binary file
 * (`csv_binary`), a byte sequence that is not UTF-8 means another encoding (`csv_not_utf8`).
 * Both name the file, the line and the byte offset. A fatal TextDecoder finds that a chunk is
 * bad; the exact byte is then found in that chunk alone, with the unfinished character the
 * chunk before left over carried into it, so chunk boundaries do not matter.
 */
export class TextEncodingGuard {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes of a character the last chunk ended in the middle of. */
  private carry: Buffer = Buffer.alloc(0);
  private position: number;
  private line: number;

  /** `startByte` and `startLine` are where the checked bytes start in the file. */
  constructor(
    private readonly path: string,
    startByte = 0,
    startLine = 1,
  ) {
    this.position = startByte;
    this.line = startLine;
  }

  /** Checks the next chunk; throws at the first binary or non-UTF-8 byte. */
  push(chunk: Buffer): void {
    const nul = chunk.indexOf(NUL);
    if (nul !== -1) throw this.binaryAt(chunk, nul);

    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      if (controlShare(chunk) > BINARY_CONTROL_SHARE)
        throw this.binaryAt(chunk, 0, 'control bytes');
      throw this.notUtf8At(Buffer.concat([this.carry, chunk]), this.position - this.carry.length);
    }
    this.carry = Buffer.from(chunk.subarray(chunk.length - unfinishedTail(chunk)));
    this.line += countLines(chunk, chunk.length);
    this.position += chunk.length;
  }

  /** Checks that the file does not end in the middle of a character. */
  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw this.notUtf8At(this.carry, this.position - this.carry.length, true);
    }
  }

  private binaryAt(chunk: Buffer, index: number, what = 'NUL'): CrmMlError {
    const { line, byte } = this.locate(chunk, index, this.position);
    const where = `${this.path}:line ${line}`;
    const found = what === 'NUL' ? `a NUL byte at byte ${byte}` : `${what} from byte ${byte} on`;
    return new CrmMlError(
      'csv_binary',
      `${where}: this is a binary file, not CSV text (${found})`,
      { details: [{ path: where, message: found }] },
    );
  }

  private notUtf8At(bytes: Buffer, bytesStart: number, atEnd = false): CrmMlError {
    const index = atEnd ? 0 : firstInvalidByte(bytes);
    // The carry holds part of one character, never a line end, so `this.line` is its line.
    const { line, byte } = this.locate(bytes, index, bytesStart);
    const where = `${this.path}:line ${line}`;
    const value = bytes[index] ?? 0;
    const hex = value.toString(16).toUpperCase().padStart(2, '0');
    return new CrmMlError(
      'csv_not_utf8',
      `${where}: the file is not UTF-8 (byte ${byte} is 0x${hex}${atEnd ? ', cut off' : ''}); ` +
        'convert it first, e.g. `iconv -f GBK -t UTF-8 in.csv > out.csv` for a Chinese export ' +
        'or `iconv -f LATIN1 -t UTF-8` for a Western one',
      { details: [{ path: where, message: `byte ${byte} (0x${hex}) is not UTF-8` }] },
    );
  }

  private locate(bytes: Buffer, index: number, bytesStart: number) {
    return { line: this.line + countLines(bytes, index), byte: bytesStart + index };
  }
}

/** The share of bytes in the chunk's first 4 KiB that no text holds (tab, CR, LF aside). */
function controlShare(chunk: Buffer): number {
  const sample = chunk.subarray(0, SAMPLE_BYTES);
  let control = 0;
  for (const byte of sample) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) {
      control += 1;
    }
  }
  return sample.length === 0 ? 0 : control / sample.length;
}

function countLines(bytes: Buffer, end: number): number {
  let lines = 0;
  for (
    let next = bytes.indexOf(LF);
    next !== -1 && next < end;
    next = bytes.indexOf(LF, next + 1)
  ) {
    lines += 1;
  }
  return lines;
}

/** The index of the first byte a strict UTF-8 decoder rejects; `bytes` is known to hold one. */
function firstInvalidByte(bytes: Buffer): number {
  // Decoding a prefix fails once the prefix reaches the bad byte and never before, so the
  // shortest failing prefix ends at it.
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (decodesSoFar(bytes.subarray(0, middle))) low = middle + 1;
    else high = middle;
  }
  const breaking = low - 1;
  // The byte that broke a sequence may be plain text ('m' after Latin-1's 0xE9): then the
  // sequence's lead byte is the one to name.
  if (decodesSoFar(bytes.subarray(0, breaking), false)) return breaking;
  for (let back = 1; back <= 3 && breaking - back >= 0; back += 1) {
    if (((bytes[breaking - back] ?? 0) & 0xc0) === 0xc0) return breaking - back;
  }
  return breaking;
}

function decodesSoFar(bytes: Buffer, stream = true): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** How many bytes at the end of valid UTF-8 `chunk` belong to a character it cuts off. */
function unfinishedTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}
