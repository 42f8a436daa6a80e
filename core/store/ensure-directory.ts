import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Creates directory `dir` and its missing parents, one level at a time. Node's
 * `mkdirSync(dir, { recursive: true })` loops forever under /proc (mkdir there answers ENOENT
 * for a parent that exists), so the nearest existing ancestor is found first, checked to be a
 * writable directory, and each missing level is made with a plain mkdir that fails at once.
 * Throws `store_open_failed` naming the directory and why, or what `failure` builds.
 */
export function ensureDirectory(dir: string, failure: DirectoryFailure = storeFailure): void {
  const unusable = failure;
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  while (!exists(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }

  try {
    if (!statSync(existing).isDirectory()) throw unusable(target, `${existing} is not a directory`);
    accessSync(existing, constants.W_OK);
    for (const level of missing) mkdirSync(level);
  } catch (error) {
    if (error instanceof CrmMlError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw unusable(target, `it cannot be created or written (${code})`, error);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Builds the error for a directory that cannot be used, from its path and the reason. */
export type DirectoryFailure = (dir: string, reason: string, cause?: unknown) => CrmMlError;

function storeFailure(dir: string, reason: string, cause?: unknown): CrmMlError {
  return new CrmMlError(
    'store_open_failed',
    `cannot use ${dir} for the SQLite database: ${reason}; ` +
      'CRM_ML_HOME must name a writable directory',
    { ...(cause === undefined ? {} : { cause }), details: [{ path: dir, message: reason }] },
  );
}
