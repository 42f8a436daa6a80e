/** One problem found in an input, named by where it is (row, record, field). */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface CrmMlErrorOptions {
  details?: ErrorDetail[];
  /** True for transient failures (429, 5xx, timeouts) that a later attempt may fix. */
  retryable?: boolean;
  /**
   * When a stop is a pause, not a failure: the time (ISO 8601) after which the same work is
   * worth trying again, e.g. when a daily API budget has room again. Runners defer to it.
   */
  resumeAt?: string;
  cause?: unknown;
}

/**
 * The one error type of crm-ml. `code` is stable snake_case (callers and the API branch on it);
 * `message` names what and where; `retryable` separates transient failures from ones that a
 * retry cannot fix (a CRM validation error, a bad CSV).
 */
export class CrmMlError extends Error {
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly retryable: boolean;
  readonly resumeAt: string | null;

  constructor(code: string, message: string, options: CrmMlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrmMlError';
    this.code = code;
    this.details = options.details ?? [];
    this.retryable = options.retryable ?? false;
    this.resumeAt = options.resumeAt ?? null;
  }

  toJSON(): { code: string; message: string; details: ErrorDetail[] } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The resume time of a pause (a CrmMlError with `resumeAt`), or null for any other error. */
export function resumeTimeOf(error: unknown): string | null {
  return error instanceof CrmMlError ? error.resumeAt : null;
}

/** True when `error` is a CrmMlError marked as worth retrying. */
export function isRetryable(error: unknown): boolean {
  return error instanceof CrmMlError && error.retryable;
}
