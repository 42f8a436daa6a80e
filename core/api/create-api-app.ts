import express, { type Express, type RequestHandler, type Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import swaggerUi from 'swagger-ui-express';

import type { ConnectorRegistry } from '../../connectors/registry.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { defaultPlugins } from '../runtime/default-registries.js';
import { privateCrmUrlsAllowed } from '../security/crm-url-guard.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Store } from '../store/index.js';
import type { ApiContext } from './api-context.js';
import { apiErrorHandler } from './api-error-handler.js';
import { apiRateLimit, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './api-rate-limit.js';
import { authenticate, type Caller } from './authenticate.js';
import { jsonBodyGuard } from './json-body-guard.js';
import { loadSpec } from './load-spec.js';
import { connectionRoutes } from './routes/connection-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { hubspotCardRoute } from './routes/hubspot-card-route.js';
import { modelRoutes } from './routes/model-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { scoreRoutes } from './routes/score-routes.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import type { ConnectionScheduler } from '../jobs/connection-schedules.js';
import type { RunStarter } from './run-starter.js';
import { specRoutes } from './spec-routes.js';
import type { WebhookService } from './webhook-service.js';

export interface ApiOptions {
  store: Store;
  connectors: ConnectorRegistry;
  /** The plugins connections may name; the shipped ones when absent. */
  plugins?: PluginRegistry;
  /**
   * Accept connections whose CRM URLs are loopback or private (tests and development against
   * local sandboxes); default `CRM_ML_CRM_ALLOW_PRIVATE=true`.
   */
  allowPrivateCrmUrls?: boolean;
  runs: RunStarter;
  /** With queue workers: the schedules of connections created and deleted here. */
  schedules?: ConnectionScheduler;
  /** Encrypts the credentials of new connections. */
  keyring: EncryptionKeyring;
  webhooks?: WebhookService;
  /** Serves `/hubspot/card` when set: the HubSpot app's client secret, the public base URL. */
  hubspotCard?: { clientSecret: string; publicUrl?: string };
  /** Inbound CRM webhooks, mounted at /hooks: they read raw bodies and check signatures. */
  hooks?: Router;
  rateLimit?: RateLimitOptions;
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string;
  version?: string;
}

const logger = createLogger('api');

function requestLog(): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // Path only: query strings may carry personal data (the CRM card's userEmail).
    res.on('finish', () => {
      const caller = res.locals['caller'] as Caller | undefined;
      logger.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          ...(caller ? { tenant: caller.tenantId, key: caller.keyId } : {}),
        },
        'request',
      );
    });
    next();
  };
}

function hookNotEnabled(): RequestHandler {
  return (req) => {
    throw new CrmMlError(
      'route_not_found',
      `${req.method} ${req.originalUrl.split('?')[0] ?? ''} is not enabled on this server`,
    );
  };
}

/**
 * The REST API as an express app: every route of openapi/crm-ml.yaml, requests and responses
 * validated against it, API keys with scopes, per-key rate limits, docs at /docs.
 *
 * @example
 * const app = createApiApp({ store, connectors, runs, keyring });
 * app.listen(8080);
 */
export function createApiApp(options: ApiOptions): Express {
  const spec = loadSpec();
  const context: ApiContext = {
    store: options.store,
    connectors: options.connectors,
    plugins: options.plugins ?? defaultPlugins(),
    allowPrivateCrmUrls: options.allowPrivateCrmUrls ?? privateCrmUrlsAllowed(),
    runs: options.runs,
    schedules: options.schedules,
    keyring: options.keyring,
    webhooks: options.webhooks,
    hubspotCard: options.hubspotCard,
    version: options.version ?? '0.1.0',
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog());
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(loadSpec()));
  if (options.hooks) app.use('/hooks', options.hooks);

  app.use(authenticate(options.store, specRoutes(spec)));
  // A hook the router did not take is one this server was not configured for.
  app.use('/hooks', hookNotEnabled());
  app.use(apiRateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT));
  app.use(express.json({ limit: options.bodyLimit ?? '100kb' }));
  app.use(jsonBodyGuard());
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as never,
      // Every problem of a request at once (bodies are capped by the JSON limit above).
      validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
      validateResponses: true,
      validateSecurity: false,
      // The hooks read raw bodies and answer before this; the spec documents them all the same.
      ignorePaths: /^\/(docs|hooks)(\/|$)/,
    }),
  );

  app.use(healthRoutes(context));
  app.use(connectionRoutes(context));
  app.use(runRoutes(context));
  app.use(modelRoutes(context));
  app.use(scoreRoutes(context));
  app.use(webhookRoutes(context));
  app.use(hubspotCardRoute(context));

  app.use(apiErrorHandler(logger));
  return app;
}
