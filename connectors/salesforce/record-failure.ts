import type { WriteOutcome } from '../connector.js';

/** Salesforce's per-record status codes grouped by what a caller can do about them. */
const LOCKED = new Set(['UNABLE_TO_LOCK_ROW']);
const DELETED = new Set(['ENTITY_IS_DELETED']);
const NOT_FOUND = new Set(['INVALID_CROSS_REFERENCE_KEY', 'MALFORMED_ID', 'NOT_FOUND']);
const TRANSIENT = new Set(['SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG']);

/**
 * The outcome of one record Salesforce refused. Locks and server trouble are retryable; a
 * deleted record, a bad id and validation failures (FIELD_CUSTOM_VALIDATION_EXCEPTION,
 * STRING_TOO_LONG, INVALID_FIELD…) are not: the same write would fail the same way.
 */
export function recordFailure(recordId: string, statusCode: string, message: string): WriteOutcome {
  const text = `${statusCode}: ${message}`;
  if (LOCKED.has(statusCode)) {
    return failure(recordId, 'salesforce_record_locked', text, true);
  }
  if (TRANSIENT.has(statusCode)) {
    return failure(recordId, 'salesforce_server_error', text, true);
  }
  if (DELETED.has(statusCode)) return failure(recordId, 'salesforce_record_deleted', text, false);
  if (NOT_FOUND.has(statusCode)) {
    return failure(recordId, 'salesforce_record_not_found', text, false);
  }
  return failure(recordId, 'salesforce_validation_failed', text, false);
}

export function failure(
  recordId: string,
  code: string,
  message: string,
  retryable: boolean,
): WriteOutcome {
  return { recordId, ok: false, code, message, retryable };
}
