// Module hooks (they run on the loader thread): append every URL loaded to a file, one a line,
// synchronously, so no line is lost when the process exits right after (as `--help` does).
import { appendFileSync } from 'node:fs';

let traceFile = '';

export function initialize(data: { traceFile: string }): void {
  traceFile = data.traceFile;
}

type Load = (url: string, context: object) => Promise<unknown>;

export async function load(url: string, context: object, nextLoad: Load): Promise<unknown> {
  appendFileSync(traceFile, `${url}\n`);
  return nextLoad(url, context);
}
