import { open } from 'node:fs/promises';

/** The physical line a malformed record starts on, and where reading resumes after it. */
export interface BrokenLine {
  line: number;
  /** Byte offset of the next line, or null when the broken line is the last one. */
  nextByte: number | null;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Finds the first non-blank line at or after `byte` (blank lines are skipped by the parser,
 * so the malformed record starts on the first line with content).
 */
export async function findBrokenLine(
  path: string,
  byte: number,
  line: number,
): Promise<BrokenLine> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = byte;
    let currentLine = line;
    let lineHasContent = false;

    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) return { line: currentLine, nextByte: null };

      for (let index = 0; index < bytesRead; index += 1) {
        const byteValue = buffer[index] ?? 0;
        if (byteValue === NEWLINE) {
          if (lineHasContent) return { line: currentLine, nextByte: position + index + 1 };
          currentLine += 1;
        } else if (!isBlankByte(byteValue)) {
          lineHasContent = true;
        }
      }
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
}

function isBlankByte(value: number): boolean {
  return value === 0x20 || value === 0x09 || value === 0x0d;
}
