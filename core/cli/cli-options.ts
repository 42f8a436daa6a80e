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

/** A count that must be at least 1 (`--test-days`, `--k`). */
export function parsePositiveInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new CrmMlError(
      'cli_invalid_option',
      `${flag} must be a whole number of at least 1, got '${value}'`,
    );
  }
  return Number(value);
}

/** A `--quote` mode: `double` (CSV quoting, the default) or `none`; true when quotes count. */
export function parseQuoteMode(value: string): boolean {
  if (value !== 'double' && value !== 'none') {
    throw new CrmMlError(
      'cli_invalid_option',
      `--quote must be 'double' or 'none', got '${value}'`,
    );
  }
  return value === 'double';
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

/** A `--plot` target: only `.svg`, since SVG is what is drawn; checked before any long work. */
export function assertSvgTarget(flag: string, path: string): void {
  if (!/\.svg$/i.test(path)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `${flag} draws SVG: name a .svg file, got '${path}'`,
    );
  }
  assertWritableTarget(flag, path);
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
