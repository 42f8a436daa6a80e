import type { Client } from '@hubspot/api-client';
import type http from 'node:http';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import { backoff } from '../shared/backoff.js';
import { noteCrmCall } from '../shared/call-scope.js';
import { withTimeout } from '../shared/with-timeout.js';
import { classifyFailure } from './classify-failure.js';
import { createHubSpotClient, warmDiscoveries } from './create-hubspot-client.js';
import { HubSpotHttpError } from './hubspot-http-error.js';
import { RateLimitPacer, type RateWindow, type Sleep } from './rate-limit-pacer.js';
import { createTimeoutAgent } from './timeout-agent.js';

const log = createLogger('connector.hubspot');

export interface HubSpotApiOptions {
  accessToken: string;
  basePath: string;
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  requestTimeoutMs: number;
  maxAttempts: number;
  sleep: Sleep;
}

/** What a `...WithHttpInfo` call resolves to: the parsed body and the response headers. */
export interface HttpInfoLike<T> {
  httpStatusCode: number;
  headers: Record<string, string>;
  data: T;
}

export interface CallOptions {
  /** Search calls are paced by time: HubSpot limits them separately and sends no headers. */
  search?: boolean;
  signal?: AbortSignal;
}

/**
 * The one way the connector talks to HubSpot: every call goes through `call`, which paces
 * calls (concurrent ones too) within the rolling rate-limit window, times out, retries
 * 429/5xx/network failures, and refreshes an OAuth token once on 401.
 */
export class HubSpotApi {
  private client: Client;
  private readonly agent: http.Agent;
  private refreshing: Promise<void> | null = null;
  private readonly pacer: RateLimitPacer;
  private readonly counts = { calls: 0, rateLimited: 0 };
  // A copy: HubSpot may rotate the refresh token, and the caller's object stays untouched.
  private readonly oauth: { clientId: string; clientSecret: string; refreshToken: string } | null;

  constructor(private readonly options: HubSpotApiOptions) {
    this.oauth = options.oauth === undefined ? null : { ...options.oauth };
    this.agent = createTimeoutAgent(options.basePath, options.requestTimeoutMs);
    this.client = createHubSpotClient(options.accessToken, options.basePath, this.agent);
    this.pacer = new RateLimitPacer(options.sleep);
  }

  /** Runs `invoke` against the current client until it succeeds or cannot be retried. */
  async call<T>(
    endpoint: string,
    invoke: (client: Client) => Promise<HttpInfoLike<T>>,
    callOptions: CallOptions = {},
  ): Promise<HttpInfoLike<T>> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(callOptions.signal, endpoint);
      await this.pacer.beforeCall(callOptions.search ?? false);
      this.counts.calls += 1;
      noteCrmCall();

      try {
        const info = await this.withTimeout(invoke(this.client));
        this.pacer.afterCall(info.headers);
        return info;
      } catch (error) {
        this.pacer.afterCall(error instanceof HubSpotHttpError ? error.headers : undefined);
        if (error instanceof HubSpotHttpError && error.status === 429) this.counts.rateLimited += 1;
        const decision = classifyFailure(error, endpoint);

        if (decision.action === 'fail') throw decision.error;
        if (decision.action === 'refresh_token') {
          if (this.oauth === null || refreshed) throw decision.error;
          refreshed = true;
          await this.refreshToken();
          continue;
        }

        if (attempt >= this.options.maxAttempts) {
          log.error({ endpoint, attempt, code: decision.error.code }, 'giving up on HubSpot call');
          throw decision.error;
        }
        if (decision.waitMs !== null) this.pacer.pauseFor(decision.waitMs);
        const waitMs = decision.waitMs ?? backoff(attempt);
        log.warn(
          { endpoint, attempt, waitMs: Math.round(waitMs), code: decision.error.code },
          `retrying HubSpot call: ${decision.error.message}`,
        );
        await this.options.sleep(waitMs);
      }
    }
  }

  /** The rate window HubSpot's last headers reported (`X-HubSpot-RateLimit-*`). */
  rateWindow(): RateWindow | undefined {
    return this.pacer.lastReported();
  }

  /** Requests sent so far (every attempt) and how many HubSpot answered with 429. */
  callCounts(): { calls: number; rateLimited: number } {
    return { ...this.counts };
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return withTimeout(promise, this.options.requestTimeoutMs);
  }

  /** Concurrent 401s share one refresh. */
  private async refreshToken(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const oauth = this.oauth;
    if (oauth === null) return;
    log.info('HubSpot access token rejected; refreshing it with the OAuth refresh token');

    let token: { accessToken?: unknown; refreshToken?: unknown };
    try {
      token = await this.withTimeout(
        this.client.oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          oauth.clientId,
          oauth.clientSecret,
          oauth.refreshToken,
        ),
      );
    } catch (error) {
      throw refreshError(error);
    }

    if (typeof token.accessToken !== 'string' || token.accessToken === '') {
      throw new CrmMlError(
        'hubspot_unexpected_payload',
        'HubSpot POST /oauth/v1/token answered without an access_token',
      );
    }
    // HubSpot may rotate the refresh token; keep whichever it sent last.
    if (typeof token.refreshToken === 'string' && token.refreshToken !== '') {
      oauth.refreshToken = token.refreshToken;
    }
    this.client.setAccessToken(token.accessToken);
    warmDiscoveries(this.client);
  }
}

function refreshError(error: unknown): CrmMlError {
  if (error instanceof HubSpotHttpError && error.status < 500) {
    return new CrmMlError(
      'hubspot_auth_failed',
      `HubSpot refused the OAuth token refresh (${error.status}: ` +
        `${error.bodyField('message') ?? 'no message'}). Check the OAuth client id, client ` +
        'secret and refresh token.',
      { cause: error },
    );
  }
  return new CrmMlError(
    'hubspot_token_refresh_failed',
    'Refreshing the HubSpot OAuth token failed; a later attempt may succeed.',
    { retryable: true, cause: error },
  );
}

function throwIfAborted(signal: AbortSignal | undefined, endpoint: string): void {
  if (signal?.aborted !== true) return;
  throw new CrmMlError('hubspot_aborted', `HubSpot ${endpoint} was not sent: the caller aborted`, {
    cause: signal.reason,
  });
}
