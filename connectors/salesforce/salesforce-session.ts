import type { Connection } from '@salesforce/core';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import { backoff, realSleep, type Sleep } from '../shared/backoff.js';
import { loadSalesforceCore, withSalesforceHome } from './salesforce-core.js';
import { requestAccessToken, type JwtBearerAuth, type RefreshTokenAuth } from './oauth-token.js';

export interface SalesforceSessionOptions {
  instanceUrl: string;
  accessToken?: string;
  apiVersion: string;
  refresh?: RefreshTokenAuth;
  jwt?: JwtBearerAuth;
  requestTimeoutMs: number;
  /** Tries of a token request that timed out or met a 5xx/429; default 1 (no retry). */
  maxAttempts?: number;
  sleep?: Sleep;
}

const log = createLogger('connector.salesforce');

// Org ids start 00D; a token is `<orgId>!<secret>`. The placeholder only feeds the library's
// bookkeeping (it needs an org id and username to skip its identity lookups).
const PLACEHOLDER_ORG_ID = '00D000000000000AAA';

/**
 * Owns the access token and the @salesforce/core Connection built on it. The Connection is
 * built with zero network calls: username, org id, dev-hub flag and namespace are supplied, and
 * the API version is pinned, so the library neither looks the user up nor discovers versions.
 */
export class SalesforceSession {
  private built: Promise<Connection> | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly options: SalesforceSessionOptions) {}

  get version(): string {
    return this.options.apiVersion;
  }

  get canRefresh(): boolean {
    return this.options.refresh !== undefined || this.options.jwt !== undefined;
  }

  /** The connection, built on first use (after fetching a token when none was given). */
  connection(): Promise<Connection> {
    this.built ??= this.build().catch((error: unknown) => {
      this.built = null;
      throw error;
    });
    return this.built;
  }

  /** Replaces the access token; concurrent callers share one token request. */
  async refresh(): Promise<void> {
    this.refreshing ??= this.renewToken().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  private async build(): Promise<Connection> {
    const accessToken = this.options.accessToken ?? (await this.issueToken()).accessToken;
    const { AuthInfo, Connection } = await loadSalesforceCore();
    const instanceUrl = this.options.instanceUrl.replace(/\/+$/, '');
    const orgId = orgIdOf(accessToken);

    return withSalesforceHome(async () => {
      const authInfo = await AuthInfo.create({
        accessTokenOptions: {
          accessToken,
          instanceUrl,
          loginUrl: instanceUrl,
          username: `crm-ml@${orgId}`,
          orgId,
          isDevHub: false,
          namespacePrefix: '',
        },
      });
      return Connection.create({ authInfo, connectionOptions: { version: this.version } });
    });
  }

  private async renewToken(): Promise<void> {
    const token = await this.issueToken();
    const connection = await this.connection();
    connection.accessToken = token.accessToken;
  }

  // A token request that timed out or met a 5xx/429 is tried again like any other call (a slow
  // login endpoint on a loaded machine is transient); a refusal is not retryable and escapes.
  private async issueToken(): ReturnType<typeof requestAccessToken> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 1);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.requestToken();
      } catch (error) {
        const retryable = error instanceof CrmMlError && error.retryable;
        if (!retryable || attempt >= maxAttempts) throw error;
        const waitMs = backoff(attempt);
        log.warn(
          { attempt, waitMs: Math.round(waitMs), code: error.code },
          `retrying Salesforce token request: ${error.message}`,
        );
        await (this.options.sleep ?? realSleep)(waitMs);
      }
    }
  }

  private requestToken(): ReturnType<typeof requestAccessToken> {
    const { refresh, jwt } = this.options;
    if (refresh !== undefined)
      return requestAccessToken({ refresh }, this.options.requestTimeoutMs);
    if (jwt !== undefined) return requestAccessToken({ jwt }, this.options.requestTimeoutMs);
    throw new CrmMlError(
      'salesforce_auth_failed',
      'No Salesforce access token and no refresh-token or JWT settings to obtain one',
    );
  }
}

function orgIdOf(accessToken: string): string {
  const prefix = accessToken.split('!')[0] ?? '';
  return /^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(prefix) ? prefix : PLACEHOLDER_ORG_ID;
}
