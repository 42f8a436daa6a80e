const LF = 0x0a;
const CR = 0x0d;

/**
 * Numbers the lines of the bytes a parser consumes. csv-parse's own line count drifts when a
 * quoted value holds a CRLF, so lines are counted here from the bytes, which are exact.
 * Keeps only the chunks the parser has not finished with.
 */
export class LineCounter {
  private readonly chunks: Buffer[] = [];
  /** Byte offset of the first kept chunk. */
  private chunksStart: number;
  private position: number;
  private line: number;

  constructor(startByte: number, startLine: number) {
    this.chunksStart = startByte;
    this.position = startByte;
    this.line = startLine;
  }

  /** Adds the next chunk read from the file. */
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /**
   * Moves to `endByte`, the end of a record. Returns the line the record starts on (past the
   * empty lines the parser skips) and the line `endByte` is on.
   */
  advanceTo(endByte: number): { startLine: number; nextLine: number } {
    let startLine: number | null = null;
    let offset = this.chunksStart;

    for (const chunk of this.chunks) {
      const from = Math.max(this.position - offset, 0);
      const to = Math.min(endByte - offset, chunk.length);

      let index = from;
      while (startLine === null && index < to) {
        const byte = chunk[index];
        if (byte === LF) this.line += 1;
        else if (byte !== CR) startLine = this.line;
        index += 1;
      }
      for (let next = chunk.indexOf(LF, index); next !== -1 && next < to;) {
        this.line += 1;
        next = chunk.indexOf(LF, next + 1);
      }

      offset += chunk.length;
      if (offset >= endByte) break;
    }

    this.position = endByte;
    this.dropChunksBefore(endByte);
    return { startLine: startLine ?? this.line, nextLine: this.line };
  }

  private dropChunksBefore(byte: number): void {
    for (let first = this.chunks[0]; first !== undefined; first = this.chunks[0]) {
      if (this.chunksStart + first.length > byte) return;
      this.chunksStart += first.length;
      this.chunks.shift();
    }
  }
}
