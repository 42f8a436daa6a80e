import { Router } from 'express';

import { hubspotWebhookRoute } from '../../connectors/hubspot/inbound/index.js';
import type { HubSpotHookOptions } from '../../connectors/hubspot/inbound/index.js';
import { salesforceWebhookRoute } from '../../connectors/salesforce/inbound/index.js';
import type { SalesforceHookOptions } from '../../connectors/salesforce/inbound/index.js';
import { createLogger } from '../logging/logger.js';
import type { Store } from '../store/index.js';
import type { RecordsChangedHandler } from './inbound-changes.js';

export interface HooksRouterOptions {
  /** Keeps the ids of deliveries already seen, for de-duplication. */
  store: Store;
  /** Mounts `POST /hubspot` when set. */
  hubspot?: HubSpotHookOptions;
  /** Mounts `POST /salesforce` when set. */
  salesforce?: SalesforceHookOptions;
  /** Gets the changed records after the CRM has its answer; enqueues sync and rescoring. */
  onRecordsChanged: RecordsChangedHandler;
  clock?: () => Date;
}

/**
 * The inbound CRM webhook endpoints, to mount at `/hooks`. Each route reads its own raw body,
 * so mount this router before any JSON body parser.
 *
 * @example
 * app.use('/hooks', createHooksRouter({
 *   store,
 *   hubspot: { clientSecret, publicBaseUrl: 'https://crm-ml.example.com', connectionId: 'hs' },
 *   onRecordsChanged: (connectionId, objectType, ids) => enqueueSync(connectionId, ids),
 * }));
 */
export function createHooksRouter(options: HooksRouterOptions): Router {
  const router = Router();
  const context = {
    seenIds: options.store.webhookSeenIds,
    onRecordsChanged: options.onRecordsChanged,
    clock: options.clock ?? (() => new Date()),
    logger: createLogger('webhooks'),
  };

  if (options.hubspot !== undefined) {
    router.post('/hubspot', ...hubspotWebhookRoute(options.hubspot, context));
  }
  if (options.salesforce !== undefined) {
    router.post('/salesforce', ...salesforceWebhookRoute(options.salesforce, context));
  }
  return router;
}
