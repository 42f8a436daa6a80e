import { Router } from 'express';

import { hubspotWebhookRoute } from '../../connectors/hubspot/inbound/index.js';
import type { HubSpotHookOptions } from '../../connectors/hubspot/inbound/index.js';
import { salesforceWebhookRoute } from '../../connectors/salesforce/inbound/index.js';
import type { SalesforceHookOptions } from '../../connectors/salesforce/inbound/index.js';
import { createLogger } from '../logging/logger.js';
import type { Store } from '../store/index.js';
import type { ChangesAcceptedHandler } from './inbound-changes.js';

export interface HooksRouterOptions {
  /** Keeps the changes until a run handled them, and the ids already seen. */
  store: Store;
  /** Mounts `POST /hubspot` when set. */
  hubspot?: HubSpotHookOptions;
  /** Mounts `POST /salesforce` when set. */
  salesforce?: SalesforceHookOptions;
  /** Told when a connection has new stored changes, before the CRM has its answer. */
  onChangesAccepted: ChangesAcceptedHandler;
  clock?: () => Date;
}

/**
 * The inbound CRM webhook endpoints, to mount at `/hooks`. Each route reads its own raw body,
 * so mount this router before any JSON body parser. A verified request's changes are stored
 * (`store.inboundChanges`) before it is answered; `onChangesAccepted` starts their processing.
 *
 * @example
 * app.use('/hooks', createHooksRouter({
 *   store,
 *   hubspot: { clientSecret, publicBaseUrl: 'https://crm-ml.example.com', connectionId: 'hs' },
 *   onChangesAccepted: (connectionId) => queue.add('changes', { connectionId }),
 * }));
 */
export function createHooksRouter(options: HooksRouterOptions): Router {
  const router = Router();
  const context = {
    seenIds: options.store.webhookSeenIds,
    changes: options.store.inboundChanges,
    onChangesAccepted: options.onChangesAccepted,
    connectionExists: async (connectionId: string) =>
      (await options.store.connections.get(connectionId)) !== null,
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
