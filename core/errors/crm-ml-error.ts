/** One problem found in an input, named by where it is (row, record, field). */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface CrmMlErrorOptions {
  details?: ErrorDetail[];
  /** True for transient failures (429, 5xx, timeouts) that a later attempt may fix. */
  retryable?: boolean;
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

  constructor(code: string, message: string, options: CrmMlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrmMlError';
    this.code = code;
    this.details = options.details ?? [];
    this.retryable = options.retryable ?? false;
  }

  toJSON(): { code: string; message: string; details: ErrorDetail[] } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `error` is a CrmMlError marked as worth retrying. */
export function isRetryable(error: unknown): boolean {
  return error instanceof CrmMlError && error.retryable;
}
