import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { RequestTimeoutError } from '../shared/with-timeout.js';
import { hubspotDescriptor } from './hubspot-descriptor.js';
import { HubSpotHttpError } from './hubspot-http-error.js';

/** What to do about one failed attempt. */
export type FailureDecision =
  | { action: 'retry'; waitMs: number | null; error: CrmMlError }
  | { action: 'refresh_token'; error: CrmMlError }
  | { action: 'fail'; error: CrmMlError };

// 429 bodies name the exhausted policy; HubSpot documents these three.
const DAILY_POLICY = 'DAILY';
const TEN_SECONDLY_POLICY = 'TEN_SECONDLY_ROLLING';
const SECONDLY_MESSAGE = 'You have reached your secondly limit.';

/**
 * Maps a failed HubSpot call to retry, refresh or fail. `waitMs: null` means "use the
 * exponential backoff"; a number is a wait HubSpot asked for (Retry-After, the policy window).
 */
export function classifyFailure(error: unknown, endpoint: string): FailureDecision {
  if (error instanceof CrmMlError) return { action: 'fail', error };
  if (error instanceof RequestTimeoutError) {
    const message = `HubSpot ${endpoint} timed out: ${error.message}`;
    return retry(null, 'hubspot_timeout', message, error);
  }
  if (error instanceof HubSpotHttpError) return classifyHttp(error, endpoint);

  const code = networkCode(error);
  if (code !== null) {
    return retry(null, 'hubspot_connection_failed', `HubSpot ${endpoint} failed: ${code}`, error);
  }

  const text = error instanceof Error ? error.message : String(error);
  const message = `HubSpot ${endpoint} failed inside the client library: ${text}`;
  const failure = new CrmMlError('hubspot_request_failed', message, { cause: error });
  return { action: 'fail', error: failure };
}

function classifyHttp(error: HubSpotHttpError, endpoint: string): FailureDecision {
  const status = error.status;
  const detail = error.bodyField('message') ?? error.bodyText.slice(0, 200);
  const category = error.bodyField('category');
  const where = `HubSpot ${endpoint} answered ${status}${category ? ` ${category}` : ''}`;

  if (status === 429) return classifyRateLimit(error, where, detail);
  if (status >= 500) return retry(null, 'hubspot_server_error', `${where}: ${detail}`, error);

  if (status === 401) {
    const message =
      `${where}: the access token was rejected. Check HUBSPOT_ACCESS_TOKEN (a private-app ` +
      'token, or an OAuth access token with its refresh settings configured).';
    return { action: 'refresh_token', error: fail('hubspot_auth_failed', message, error) };
  }
  if (status === 403) {
    const message = `${where}: the token lacks a scope this call needs: ${detail}`;
    // Without the scope of an object type (orders, tickets…) the portal offers none of it.
    const code = category === 'MISSING_SCOPES' ? 'crm_object_unavailable' : 'hubspot_forbidden';
    return { action: 'fail', error: fail(code, message, error) };
  }
  const code =
    status === 404
      ? 'hubspot_not_found'
      : status === 409
        ? 'hubspot_conflict'
        : 'hubspot_validation_failed';
  return { action: 'fail', error: fail(code, `${where}: ${detail}`, error) };
}

function classifyRateLimit(
  error: HubSpotHttpError,
  where: string,
  detail: string,
): FailureDecision {
  const policy = error.bodyField('policyName');
  if (policy === DAILY_POLICY) {
    const message =
      `${where}: the portal's daily API limit is used up (policy DAILY); calls succeed again ` +
      "after midnight in the portal's time zone.";
    return { action: 'fail', error: fail('hubspot_daily_limit', message, error) };
  }

  const message = `${where}: rate limited (${policy ?? 'no policy named'}): ${detail}`;
  const retryAfter = parseRetryAfter(error.header('retry-after'));
  if (retryAfter !== null) return retry(retryAfter, 'hubspot_rate_limited', message, error);

  const intervalHeader = Number(error.header(hubspotDescriptor.rateLimitHeaders.intervalMs));
  const interval = Number.isFinite(intervalHeader) && intervalHeader > 0 ? intervalHeader : null;
  if (policy === TEN_SECONDLY_POLICY) {
    return retry(interval ?? 10_000, 'hubspot_rate_limited', message, error);
  }
  if (policy === 'SECONDLY' || error.bodyField('message') === SECONDLY_MESSAGE) {
    return retry(1000, 'hubspot_rate_limited', message, error);
  }
  return retry(interval, 'hubspot_rate_limited', message, error);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);

  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;

  // Our idle-socket timeout destroys the socket with a plain Error; undici's fetch wraps
  // socket failures in a TypeError('fetch failed') whose cause holds the code.
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('socket idle')) return 'ETIMEDOUT (socket idle)';
  if (message === 'socket hang up') return 'ECONNRESET (socket hang up)';
  return networkCode((error as { cause?: unknown }).cause);
}

function retry(
  waitMs: number | null,
  code: string,
  message: string,
  cause: unknown,
): FailureDecision {
  const error = new CrmMlError(code, message, { retryable: true, cause });
  return { action: 'retry', waitMs, error };
}

function fail(code: string, message: string, cause: unknown): CrmMlError {
  return new CrmMlError(code, message, { retryable: false, cause });
}
