import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { RequestTimeoutError } from '../shared/with-timeout.js';

/** What to do about one failed attempt. */
export type FailureDecision =
  | { action: 'retry'; error: CrmMlError }
  | { action: 'refresh_token'; error: CrmMlError }
  | { action: 'fail'; error: CrmMlError };

/** The HTTP status of a failed call, when a response arrived at all. */
export type ResponseStatus = number | null;

// Statuses Salesforce documents as transient (420 is its "too busy" answer on some edges).
const TRANSIENT_STATUSES = new Set([420, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW', 'QUERY_TIMEOUT']);

/**
 * Maps a failed call to retry, refresh or fail. jsforce throws an error whose `errorCode` is
 * Salesforce's (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED…) or `ERROR_HTTP_<status>`.
 */
export function classifyFailure(
  error: unknown,
  status: ResponseStatus,
  endpoint: string,
): FailureDecision {
  if (error instanceof CrmMlError) return { action: 'fail', error };
  if (error instanceof RequestTimeoutError || isAbortTimeout(error)) {
    return retry('salesforce_timeout', `Salesforce ${endpoint} timed out`, error);
  }

  const code = salesforceErrorCode(error);
  const detail = error instanceof Error ? error.message.slice(0, 300) : String(error);
  if (code === null && status === null) {
    const network = networkCode(error);
    if (network !== null) {
      return retry('salesforce_connection_failed', `Salesforce ${endpoint}: ${network}`, error);
    }
    const message = `Salesforce ${endpoint} failed inside the client library: ${detail}`;
    return { action: 'fail', error: fail('salesforce_request_failed', message, error) };
  }

  const where = `Salesforce ${endpoint} answered ${status ?? '?'} ${code ?? ''}`.trimEnd();
  if (code === 'INVALID_SESSION_ID' || status === 401) {
    const message =
      `${where}: the access token was rejected and cannot be refreshed. Configure the refresh ` +
      'token or JWT settings, or supply a new access token.';
    return { action: 'refresh_token', error: fail('salesforce_auth_failed', message, error) };
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') return classifyLimit(where, detail, error);
  // The org lacks the object (Orders not enabled, a custom object never created): SOQL
  // says INVALID_TYPE, its describe 404 NOT_FOUND.
  const unknownObject = status === 404 && /^GET \/sobjects\/\w+\/describe$/.test(endpoint);
  if (code === 'INVALID_TYPE' || unknownObject) {
    return { action: 'fail', error: fail('crm_object_unavailable', `${where}: ${detail}`, error) };
  }
  if ((status !== null && TRANSIENT_STATUSES.has(status)) || TRANSIENT_CODES.has(code ?? '')) {
    return retry('salesforce_server_error', `${where}: ${detail}`, error);
  }

  const failCode =
    status === 404
      ? 'salesforce_not_found'
      : status === 403
        ? 'salesforce_forbidden'
        : 'salesforce_request_rejected';
  return { action: 'fail', error: fail(failCode, `${where}: ${detail}`, error) };
}

/**
 * REQUEST_LIMIT_EXCEEDED is a 403, not a 429. "TotalRequests Limit exceeded" means the daily
 * allowance is gone: retryable, but only hours later. ConcurrentPerOrgLongTxn is short-lived.
 */
function classifyLimit(where: string, detail: string, cause: unknown): FailureDecision {
  if (/concurrent/i.test(detail)) {
    return retry('salesforce_rate_limited', `${where}: ${detail}`, cause);
  }
  const message =
    `${where}: the org's daily API allowance is used up (${detail}). Calls succeed again as ` +
    'older calls leave the rolling 24-hour window.';
  const error = new CrmMlError('salesforce_api_budget_reached', message, {
    retryable: true,
    cause,
  });
  return { action: 'fail', error };
}

/** Salesforce's own error code carried by a jsforce error (or null). */
export function salesforceErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code: unknown = (error as { errorCode?: unknown }).errorCode;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof CrmMlError) return salesforceErrorCode(error.cause);
  return null;
}

function isAbortTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'TimeoutError' || (error.name === 'AbortError' && /timeout/i.test(error.message))
  );
}

function networkCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR\w*)$/.test(code)) return code;
  // undici's fetch wraps socket failures in TypeError('fetch failed') whose cause has the code.
  return networkCode((error as { cause?: unknown }).cause);
}

function retry(code: string, message: string, cause: unknown): FailureDecision {
  return { action: 'retry', error: new CrmMlError(code, message, { retryable: true, cause }) };
}

function fail(code: string, message: string, cause: unknown): CrmMlError {
  return new CrmMlError(code, message, { retryable: false, cause });
}
