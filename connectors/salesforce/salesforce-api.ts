import type { Connection } from '@salesforce/core';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import { backoff, type Sleep } from '../shared/backoff.js';
import { noteCrmCall } from '../shared/call-scope.js';
import { withTimeout } from '../shared/with-timeout.js';
import type { ApiBudget } from './api-budget.js';
import { classifyFailure } from './classify-failure.js';
import type { SalesforceSession } from './salesforce-session.js';
import { salesforceDescriptor } from './salesforce-descriptor.js';

const log = createLogger('connector.salesforce');

export interface SalesforceApiOptions {
  session: SalesforceSession;
  budget: ApiBudget;
  requestTimeoutMs: number;
  maxAttempts: number;
  sleep: Sleep;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/sobjects/…` (under the pinned version), `/services/…` or absolute. */
  url: string;
  /** Sent as JSON, unless `contentType` says otherwise and it is a string. */
  body?: unknown;
  contentType?: string;
  /** Return the body as text instead of letting jsforce parse it (CSV results). */
  text?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse {
  body: unknown;
  headers: Record<string, string>;
}

/** The raw response jsforce's transport resolves with, before it parses the body. */
interface TransportResponse {
  statusCode: number;
  headers: Record<string, string>;
}

/**
 * The one way the connector talks to Salesforce: every call goes through `call`, on the
 * @salesforce/core Connection's own `request`. The library's retry is switched off (it ignores
 * budgets and sleeps 500 ms × 2^n for real) and done here instead: timeouts, transient
 * statuses, a token refresh on INVALID_SESSION_ID, and the daily API budget before each call.
 */
export class SalesforceApi {
  constructor(private readonly options: SalesforceApiOptions) {}

  /** The API version every relative URL is sent under. */
  get version(): string {
    return this.options.session.version;
  }

  async call(endpoint: string, request: ApiRequest): Promise<ApiResponse> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(request.signal, endpoint);
      this.options.budget.check(endpoint);
      const connection = await this.options.session.connection();
      noteCrmCall();
      let response: TransportResponse | null = null;

      try {
        const body = await withTimeout(
          this.send(connection, request, (received) => {
            response = received;
          }),
          this.options.requestTimeoutMs,
        );
        const headers = (response as TransportResponse | null)?.headers ?? {};
        this.options.budget.observe(headers, salesforceDescriptor.limitInfoHeader);
        return { body, headers };
      } catch (error) {
        const received = response as TransportResponse | null;
        if (received !== null) {
          this.options.budget.observe(received.headers, salesforceDescriptor.limitInfoHeader);
        }
        const decision = classifyFailure(error, received?.statusCode ?? null, endpoint);

        if (decision.action === 'fail') throw decision.error;
        if (decision.action === 'refresh_token') {
          if (refreshed || !this.options.session.canRefresh) throw decision.error;
          refreshed = true;
          log.info({ endpoint }, 'Salesforce session expired; requesting a new access token');
          await this.options.session.refresh();
          continue;
        }

        if (attempt >= this.options.maxAttempts) {
          log.error(
            { endpoint, attempt, code: decision.error.code },
            'giving up on Salesforce call',
          );
          throw decision.error;
        }
        const waitMs = backoff(attempt);
        log.warn(
          { endpoint, attempt, waitMs: Math.round(waitMs), code: decision.error.code },
          `retrying Salesforce call: ${decision.error.message}`,
        );
        await this.options.sleep(waitMs);
      }
    }
  }

  private send(
    connection: Connection,
    request: ApiRequest,
    onResponse: (response: TransportResponse) => void,
  ): Promise<unknown> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (request.body !== undefined) {
      const raw = typeof request.body === 'string' && request.contentType !== undefined;
      body = raw ? (request.body as string) : JSON.stringify(request.body);
      headers['content-type'] = request.contentType ?? 'application/json';
    }

    // Response headers (Sforce-Limit-Info, Sforce-Locator) never reach the caller of
    // `request`; the transport is the one place they pass, so it is wrapped per call.
    const inner = connection._transport;
    const transport = {
      httpRequest(req: unknown, options: unknown) {
        const pending = inner.httpRequest(req as never, options as never);
        pending.then(
          (response) => onResponse(response as unknown as TransportResponse),
          () => undefined,
        );
        return pending;
      },
    };

    const options = {
      transport,
      retry: { maxRetries: 0 },
      timeout: this.options.requestTimeoutMs,
      ...(request.text === true ? { responseType: 'text/plain' } : {}),
    };
    const httpRequest = {
      method: request.method,
      url: request.url,
      headers,
      ...(body === undefined ? {} : { body }),
    };
    // @salesforce/core types the options as JSON; jsforce reads `transport`, `retry`, `timeout`
    // and `responseType` from them, which is what passes through here.
    return connection.request(httpRequest, options as unknown as Record<string, never>);
  }
}

function throwIfAborted(signal: AbortSignal | undefined, endpoint: string): void {
  if (signal?.aborted !== true) return;
  throw new CrmMlError(
    'salesforce_aborted',
    `Salesforce ${endpoint} was not sent: the caller aborted`,
    { cause: signal.reason },
  );
}
