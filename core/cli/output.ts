import { CrmMlError } from '../errors/crm-ml-error.js';

/** How a command reports: one JSON object on stdout, or lines for people. */
export interface OutputMode {
  json: boolean;
}

/** Prints a command's result: exactly one JSON object with --json, else the human text. */
export function printResult(mode: OutputMode, result: object, human: () => string): void {
  process.stdout.write(mode.json ? `${JSON.stringify(result)}\n` : `${human()}\n`);
}

/** Reports a failure the same way and sets a failing exit code. */
export function printError(mode: OutputMode, error: unknown): void {
  const body = toErrorBody(error);
  process.exitCode = 1;
  if (mode.json) {
    process.stdout.write(`${JSON.stringify({ error: body })}\n`);
    return;
  }
  const details = body.details.map((d) => `  - ${d.path}: ${d.message}`).join('\n');
  process.stderr.write(`error [${body.code}]: ${body.message}\n${details ? `${details}\n` : ''}`);
}

function toErrorBody(error: unknown): ReturnType<CrmMlError['toJSON']> {
  if (error instanceof CrmMlError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal_error', message, details: [] };
}

/** The flat figures of a result (numbers and words), one per line, for a terminal. */
export function formatFigures(result: object): string {
  return Object.entries(result)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
    .map(([key, value]) => `${key.padEnd(22)} ${typeof value === 'number' ? round(value) : value}`)
    .join('\n');
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
