import { CrmMlError, type CrmMlErrorOptions } from '../core/errors/crm-ml-error.js';

/**
 * Thrown by `Plugin.train` when the records lack what the plugin needs (no orders, no churn
 * label): the core then skips the plugin for that run, with the message as the stated reason,
 * instead of failing the run. The `code` stays the plugin's own stable code.
 */
export class MissingDataError extends CrmMlError {
  /** Checked by value, not by class, so a plugin built against another copy of crm-ml counts. */
  readonly missingData = true;

  constructor(code: string, message: string, options: CrmMlErrorOptions = {}) {
    super(code, message, options);
    this.name = 'MissingDataError';
  }
}

/** True when `error` says a plugin's data is missing (see `MissingDataError`). */
export function isMissingData(error: unknown): error is CrmMlError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { missingData?: unknown }).missingData === true
  );
}
