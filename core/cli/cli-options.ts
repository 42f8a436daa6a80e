import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CrmMlError } from '../errors/crm-ml-error.js';

/** A `--port` value: a whole number 0–65535 (0 picks a free port). */
export function parsePort(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new CrmMlError(
      'cli_invalid_option',
      `${flag} must be a port number 0–65535, got '${value}'`,
    );
  }
  return port;
}

/** A seed or count: a whole number of at least 0. */
export function parseWholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new CrmMlError('cli_invalid_option', `${flag} must be a whole number, got '${value}'`);
  }
  return Number(value);
}

/** A field delimiter: one character; `tab` and `\t` mean a tab. */
export function parseDelimiter(value: string): string {
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if ([...delimiter].length !== 1) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--delimiter must be one character or 'tab', got '${value}'`,
    );
  }
  return delimiter;
}

/** Fails at once when an output file could not be written, before any long work. */
export function assertWritableTarget(flag: string, path: string): void {
  const folder = dirname(resolve(path));
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CrmMlError('cli_invalid_option', `${flag}: cannot write into ${folder}`);
  }
}
