import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import { backoff, type Sleep } from '../../connectors/shared/backoff.js';

const log = createLogger('connector.rest-json');

export interface RestJsonClientOptions {
  baseUrl: string;
  token: string;
  /** Per request; a hung request is aborted and retried. */
  timeoutMs: number;
  maxAttempts: number;
  sleep: Sleep;
}

/**
 * The one way the connector talks to the CRM: JSON in and out, 429/5xx/timeouts retried with
 * backoff (or the CRM's Retry-After), every other failure a CrmMlError that says whether a
 * later attempt could succeed.
 */
export class RestJsonClient {
  constructor(private readonly options: RestJsonClientOptions) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const endpoint = `${method} ${path.split('?')[0] ?? path}`;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt(method, path, body);

      if (result.ok) return result.body as T;
      if (!result.error.retryable || attempt >= this.options.maxAttempts) throw result.error;

      const waitMs = result.retryAfterMs ?? backoff(attempt);
      log.warn({ endpoint, attempt, waitMs, code: result.error.code }, 'retrying CRM call');
      await this.options.sleep(waitMs);
    }
  }

  private async attempt(
    method: string,
    path: string,
    body: unknown,
  ): Promise<
    { ok: true; body: unknown } | { ok: false; error: CrmMlError; retryAfterMs: number | null }
  > {
    const endpoint = `${method} ${path.split('?')[0] ?? path}`;
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      // Timeouts, resets and refused connections: the request may not have arrived at all.
      const error = new CrmMlError('rest_json_unreachable', `${endpoint} got no answer`, {
        retryable: true,
        cause,
      });
      return { ok: false, error, retryAfterMs: null };
    }

    const text = await response.text();
    if (response.ok) return { ok: true, body: text === '' ? null : (JSON.parse(text) as unknown) };

    const status = response.status;
    const retryAfter = response.headers.get('retry-after');
    const error = new CrmMlError(
      codeFor(status),
      `${endpoint} answered ${status}: ${text.slice(0, 200)}`,
      {
        retryable: status === 429 || status >= 500,
      },
    );
    return {
      ok: false,
      error,
      retryAfterMs: retryAfter === null ? null : Number(retryAfter) * 1000,
    };
  }
}

function codeFor(status: number): string {
  if (status === 401) return 'rest_json_auth_failed';
  if (status === 429) return 'rest_json_rate_limited';
  return status >= 500 ? 'rest_json_unavailable' : 'rest_json_request_failed';
}
