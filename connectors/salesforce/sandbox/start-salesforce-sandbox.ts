import { createServer } from 'node:http';
import express from 'express';
import { createLogger } from '../../../core/logging/logger.js';
import { closeServer, listen } from '../../sandbox-kit/listen.js';
import { TokenRegistry } from '../../sandbox-kit/token-registry.js';
import { apiUsageMiddleware } from './api-usage-middleware.js';
import { authMiddleware } from './auth-middleware.js';
import { bulkRoutes } from './bulk/bulk-routes.js';
import { collectionsRoute } from './collections-route.js';
import { errorHandler, notFoundHandler } from './error-middleware.js';
import { oauthRoute } from './oauth-route.js';
import { orgRoutes, versionsRoute } from './org-routes.js';
import { QueryCursors } from './query-cursors.js';
import { queryRoutes } from './query-routes.js';
import { makeRecordId } from './record-id.js';
import type { RouteContext } from './route-context.js';
import { routeKey } from './route-key.js';
import { SalesforceData } from './salesforce-data.js';
import { salesforceFaultInjector } from './salesforce-faults.js';
import { emptyStats, type SalesforceSandboxStats } from './sandbox-stats.js';
import { sobjectRoutes } from './sobject-routes.js';
import { toolingRoutes } from './tooling-routes.js';
import { toolingSource } from './tooling-source.js';
import { userinfoRoute } from './userinfo-route.js';

export interface SalesforceSandboxOptions {
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /** Bearer token accepted from the start; default 'sandbox-token'. */
  accessToken?: string;
  /** The 18-char org id (00D…); default a fixed sandbox id. */
  orgId?: string;
  /** Enables the refresh_token grant for this connected app. */
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  /** Enables the JWT bearer grant: assertions signed RS256 by this public key's private half. */
  jwt?: { clientId: string; username: string; publicKeyPem: string };
  /** 0..1: share of requests answered with an injected 500/503/hang. */
  faults?: number;
  /** Seed of the fault RNG so fault runs repeat. */
  faultSeed?: number;
  /** How long a hang fault holds the request before destroying the socket; default 15000. */
  hangMs?: number;
  /** Daily API request allowance; default 15000 (a Developer Edition org). */
  dailyApiLimit?: number;
  /** Custom fields allowed per object; default 100. */
  customFieldLimit?: number;
  /** Rows per REST query page; default 2000 (Salesforce's default batch). */
  queryBatchSize?: number;
}

/** A running sandbox. */
export interface SalesforceSandbox {
  /** e.g. http://127.0.0.1:43123 — the instance URL (and login URL) for clients. */
  readonly url: string;
  readonly port: number;
  readonly orgId: string;
  /** The token accepted from the start. */
  readonly accessToken: string;
  /** Direct access to records, schemas, the clock and forced failures. */
  readonly data: SalesforceData;
  readonly stats: SalesforceSandboxStats;
  /** Every token issued so far now gets 401 INVALID_SESSION_ID; a token grant issues a new one. */
  expireToken(): void;
  close(): Promise<void>;
}

const logger = createLogger('sandbox.salesforce');

export const DEFAULT_ORG_ID = makeRecordId('00D', 7_043);

/**
 * Starts a local server answering the Salesforce REST, Bulk 2.0, Tooling and OAuth subset
 * crm-ml uses, wire-faithful enough for `@salesforce/core` and jsforce.
 *
 * @example
 * const sandbox = await startSalesforceSandbox();
 * const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: 'sandbox-token',
 *   instanceUrl: sandbox.url, loginUrl: sandbox.url, username, orgId: sandbox.orgId,
 *   isDevHub: false, namespacePrefix: '' } });
 */
export async function startSalesforceSandbox(
  options: SalesforceSandboxOptions = {},
): Promise<SalesforceSandbox> {
  const orgId = options.orgId ?? DEFAULT_ORG_ID;
  const accessToken = options.accessToken ?? 'sandbox-token';
  const data = new SalesforceData(orgId, options.customFieldLimit ?? 100);
  const stats = emptyStats();
  // Salesforce session ids start with the 15-char org id and '!'.
  const tokens = new TokenRegistry(accessToken, `${orgId.slice(0, 15)}!AQ`);
  const faults = salesforceFaultInjector(
    { rate: options.faults ?? 0, seed: options.faultSeed ?? 1, hangMs: options.hangMs ?? 15_000 },
    stats,
  );
  const usage = apiUsageMiddleware(options.dailyApiLimit ?? 15_000, stats);
  let url = '';
  const context: RouteContext = {
    data,
    stats,
    cursors: new QueryCursors(),
    tooling: toolingSource(data),
    queryBatchSize: options.queryBatchSize ?? 2000,
    baseUrl: () => url,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use((request, _response, next) => {
    const key = routeKey(request.method, request.path);
    stats.requests += 1;
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    next();
  });
  app.use(faults.middleware());
  app.use(
    oauthRoute({ orgId, oauth: options.oauth, jwt: options.jwt, baseUrl: () => url }, tokens),
  );
  app.use(versionsRoute());
  app.use(authMiddleware(tokens));
  app.use(userinfoRoute(orgId, () => url));
  app.use(usage.middleware);
  app.use(express.json({ limit: '50mb' }));
  app.use(express.text({ type: 'text/csv', limit: '150mb' }));
  app.use(
    orgRoutes(usage.usage),
    queryRoutes(context),
    collectionsRoute(context),
    toolingRoutes(context),
    sobjectRoutes(context),
    bulkRoutes(context),
  );
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  const server = createServer(app);
  const port = await listen(server, options.port ?? 0);
  url = `http://127.0.0.1:${port}`;
  logger.info({ url, orgId }, 'salesforce sandbox listening');

  return {
    url,
    port,
    orgId,
    accessToken,
    data,
    stats,
    expireToken: () => tokens.expireAll(),
    close: async () => {
      faults.stop();
      await closeServer(server);
      logger.info({ url, requests: stats.requests }, 'salesforce sandbox closed');
    },
  };
}
