import { createServer } from 'node:http';
import express from 'express';
import { createLogger } from '../../../core/logging/logger.js';
import { closeServer, listen } from '../../sandbox-kit/listen.js';
import { TokenRegistry } from '../../sandbox-kit/token-registry.js';
import { accountRoutes } from './account-routes.js';
import { associationRoutes } from './association-routes.js';
import { authMiddleware } from './auth-middleware.js';
import { batchRoutes } from './batch-routes.js';
import { errorHandler, notFoundHandler } from './error-middleware.js';
import { hubspotFaultInjector, type FaultKind } from './fault-injector.js';
import { oauthRoute } from './oauth-route.js';
import { objectRoutes } from './object-routes.js';
import { propertyRoutes } from './property-routes.js';
import { rateLimitMiddleware } from './rate-limit-middleware.js';
import type { RouteContext } from './route-context.js';
import { routeKey } from './route-key.js';
import { SandboxData } from './sandbox-data.js';
import { emptyStats, type SandboxStats } from './sandbox-stats.js';
import { searchRoute } from './search-route.js';

export interface HubSpotSandboxOptions {
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /** Bearer token accepted; default 'sandbox-token'. */
  accessToken?: string;
  /** The portal (hub) id account-info reports; default 4242. */
  portalId?: number;
  /** Enables POST /oauth/v1/token for this app. */
  oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  /** 0..1: share of requests answered with an injected 429/5xx/timeout. */
  faults?: number;
  /** Seed of the fault RNG so fault runs repeat. */
  faultSeed?: number;
  /** How long a timeout fault holds the request before destroying the socket; default 15000. */
  hangMs?: number;
  /** Which faults `faults` injects; default all of 429, 500, 502, 503 and a hang. */
  faultKinds?: readonly FaultKind[];
  /**
   * Whether 429s carry Retry-After; default true. HubSpot often omits it: clients must then go
   * by the body's policy (ten-secondly window, secondly search limit).
   */
  retryAfter?: boolean;
  /** Rolling window; default 190 requests per 10000 ms (HubSpot's private-app limit). */
  rateLimit?: { max: number; intervalMs: number };
  /** Search endpoints' own limit; default 5 per second (as HubSpot documents). */
  searchPerSecond?: number;
  /** Daily request budget; default 1_000_000. */
  dailyLimit?: number;
}

/** A running sandbox. */
export interface HubSpotSandbox {
  /** e.g. http://127.0.0.1:43123 — the client's `basePath`. */
  readonly url: string;
  readonly port: number;
  readonly portalId: number;
  /** Direct access to records, properties, the clock and write failures. */
  readonly data: SandboxData;
  readonly stats: SandboxStats;
  /** Every token issued so far now gets 401 EXPIRED_AUTHENTICATION; a refresh issues a new one. */
  expireToken(): void;
  close(): Promise<void>;
}

const logger = createLogger('sandbox.hubspot');

/**
 * Starts a local server that answers the HubSpot CRM v3 subset crm-ml uses, wire-faithful
 * enough for the official client.
 *
 * @example
 * const sandbox = await startHubSpotSandbox();
 * const client = new Client({ accessToken: 'sandbox-token', basePath: sandbox.url });
 */
export async function startHubSpotSandbox(
  options: HubSpotSandboxOptions = {},
): Promise<HubSpotSandbox> {
  const data = new SandboxData();
  const stats = emptyStats();
  const tokens = new TokenRegistry(options.accessToken ?? 'sandbox-token');
  const retryAfter = options.retryAfter ?? true;
  const portalId = options.portalId ?? 4242;
  const faults = hubspotFaultInjector(
    { rate: options.faults ?? 0, seed: options.faultSeed ?? 1, hangMs: options.hangMs ?? 15_000 },
    stats,
    { retryAfter, ...(options.faultKinds === undefined ? {} : { kinds: options.faultKinds }) },
  );
  let url = '';
  const context: RouteContext = { data, stats, baseUrl: () => url };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((request, _response, next) => {
    const key = routeKey(request.method, request.path);
    stats.requests += 1;
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    next();
  });
  app.use(faults.middleware());
  app.use(oauthRoute(options.oauth, tokens));
  app.use(authMiddleware(tokens));
  app.use(
    rateLimitMiddleware(
      {
        rateLimit: options.rateLimit ?? { max: 190, intervalMs: 10_000 },
        searchPerSecond: options.searchPerSecond ?? 5,
        dailyLimit: options.dailyLimit ?? 1_000_000,
        retryAfter,
      },
      stats,
    ),
  );
  app.use(express.json({ limit: '10mb' }));
  app.use(
    accountRoutes(portalId),
    searchRoute(context),
    batchRoutes(context),
    objectRoutes(context),
    propertyRoutes(context),
    associationRoutes(context),
  );
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  const server = createServer(app);
  const port = await listen(server, options.port ?? 0);
  url = `http://127.0.0.1:${port}`;
  logger.info({ url }, 'hubspot sandbox listening');

  return {
    url,
    port,
    portalId,
    data,
    stats,
    expireToken: () => tokens.expireAll(),
    close: async () => {
      faults.stop();
      await closeServer(server);
      logger.info({ url, requests: stats.requests }, 'hubspot sandbox closed');
    },
  };
}
