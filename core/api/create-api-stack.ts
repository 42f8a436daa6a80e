import { InProcessRunner } from '../jobs/in-process-runner.js';
import { registerPipelineJobs } from '../pipeline/pipeline-jobs.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { createContextResolver } from '../runtime/context-resolver.js';
import { defaultConnectors, defaultPlugins } from '../runtime/default-registries.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Store } from '../store/index.js';
import { WebhookService as StoreWebhookService } from '../webhooks/webhook-service.js';
import { InProcessRunStarter } from './in-process-run-starter.js';
import { startApiServer, type ApiServer } from './start-api-server.js';
import type { HubSpotHookOptions } from '../../connectors/hubspot/inbound/index.js';
import type { SalesforceHookOptions } from '../../connectors/salesforce/inbound/index.js';
import { createHooksRouter } from '../webhooks/create-hooks-router.js';
import { DeliveryScheduler } from '../webhooks/delivery-scheduler.js';
import { webhookPipelineEvents } from '../webhooks/webhook-pipeline-events.js';
import { createRescoreTrigger } from './rescore-trigger.js';

export interface ApiStackOptions {
  store: Store;
  keyring: EncryptionKeyring;
  seed: number;
  /** The plugins runs use; the shipped ones when absent. */
  plugins?: PluginRegistry;
  listen: { port: number; host?: string };
  hubspotCard?: { clientSecret: string; publicUrl?: string };
  /** Inbound CRM webhooks to accept, each routed to one connection. */
  inbound?: {
    /** The HubSpot app's secret and public URL; events go to the connection of their portal. */
    hubspot?: Omit<HubSpotHookOptions, 'connectionFor'>;
    salesforce?: SalesforceHookOptions;
  };
  /** How often due webhook deliveries are sent; 0 leaves delivery to the workers. */
  deliveryIntervalMs?: number;
}

const DEFAULT_DELIVERY_INTERVAL_MS = 1_000;

/**
 * The API with everything it runs on in one process: the shipped connectors and plugins, the
 * in-process job runner, and the store's outgoing webhooks.
 */
export async function createApiStack(options: ApiStackOptions): Promise<ApiServer> {
  const { store } = options;
  const connectors = defaultConnectors();
  const webhooks = new StoreWebhookService({
    store,
    tenantOf: async (connectionId) => (await store.tenants.ownerOf(connectionId))?.tenantId ?? null,
  });
  const resolver = createContextResolver({
    store,
    connectors,
    plugins: options.plugins ?? defaultPlugins(),
    seed: options.seed,
    events: webhookPipelineEvents(webhooks),
    keyring: options.keyring,
  });
  const runner = new InProcessRunner();
  registerPipelineJobs(runner, resolver.resolve);
  const runs = new InProcessRunStarter({ store, runner, resolve: resolver.resolve });

  const rescore = createRescoreTrigger(runs);
  const hooks = createHooksRouter({
    store,
    onRecordsChanged: rescore.onRecordsChanged,
    ...(options.inbound?.hubspot
      ? {
          hubspot: {
            ...options.inbound.hubspot,
            connectionFor: async (portalId: number | null) =>
              portalId === null
                ? null
                : ((await store.tenants.connectionForPortal(portalId))?.connectionId ?? null),
          },
        }
      : {}),
    ...(options.inbound?.salesforce ? { salesforce: options.inbound.salesforce } : {}),
  });
  const interval = options.deliveryIntervalMs ?? DEFAULT_DELIVERY_INTERVAL_MS;
  const delivery =
    interval > 0
      ? new DeliveryScheduler({ store }).startDeliveryLoop({ intervalMs: interval })
      : null;

  const server = await startApiServer(
    {
      store,
      connectors,
      runs,
      keyring: options.keyring,
      webhooks,
      hooks,
      ...(options.hubspotCard ? { hubspotCard: options.hubspotCard } : {}),
    },
    options.listen,
  );

  return {
    ...server,
    async close() {
      rescore.close();
      await delivery?.stop();
      await server.close();
      await runs.close();
      await runner.close();
      await resolver.close();
    },
  };
}
