import { InProcessRunner } from '../jobs/in-process-runner.js';
import { createLogger } from '../logging/logger.js';
import { registerPipelineJobs, type ContextResolver } from '../pipeline/pipeline-jobs.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { createContextResolver } from '../runtime/context-resolver.js';
import { defaultConnectors, defaultPlugins } from '../runtime/default-registries.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Store } from '../store/index.js';
import { privateCrmUrlsAllowed } from '../security/crm-url-guard.js';
import { WebhookService as StoreWebhookService } from '../webhooks/webhook-service.js';
import { InProcessRunStarter } from './in-process-run-starter.js';
import { startApiServer, type ApiServer } from './start-api-server.js';
import type { HubSpotHookOptions } from '../../connectors/hubspot/inbound/index.js';
import {
  SALESFORCE_HOOK_TOKEN_VARIABLE,
  unknownConnection,
  type SalesforceHookOptions,
} from '../../connectors/salesforce/inbound/index.js';
import { createHooksRouter } from '../webhooks/create-hooks-router.js';
import { DeliveryScheduler } from '../webhooks/delivery-scheduler.js';
import { webhookPipelineEvents } from '../webhooks/webhook-pipeline-events.js';
import {
  queueConnectionScheduler,
  type ConnectionScheduler,
} from '../jobs/connection-schedules.js';
import { QueueSet } from '../jobs/queue-set.js';
import { DEFAULT_QUEUE_PREFIX } from '../jobs/queue-names.js';
import { redisConnection } from '../jobs/redis-connection.js';
import { enqueueInboundChanges } from '../jobs/webhook-workers.js';
import { startInboundRescorer } from './inbound-rescorer.js';
import { QueuedRunStarter } from './queued-run-starter.js';
import type { RunStarter } from './run-starter.js';

export interface ApiStackOptions {
  store: Store;
  keyring: EncryptionKeyring;
  seed: number;
  /** Score-distribution PSI above which a run retrains; 0.25 when absent. */
  driftPsi?: number;
  /** Scoring threads of large runs (`PipelineContext.scoreThreads`); automatic when absent. */
  scoreThreads?: number;
  /** The plugins runs use; the shipped ones when absent. */
  plugins?: PluginRegistry;
  /**
   * Let tenants' connections name loopback and private CRM hosts, for local sandboxes in
   * development and tests; default `CRM_ML_CRM_ALLOW_PRIVATE=true`, else refused.
   */
  allowPrivateCrmUrls?: boolean;
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
  /**
   * With a Redis URL, runs and inbound changes go through the BullMQ queues and `crm-ml
   * worker` processes do the work (and send webhooks); without, this process does.
   */
  queue?: { redisUrl: string; prefix?: string; scheduleMinutes?: number };
}

const DEFAULT_DELIVERY_INTERVAL_MS = 1_000;

const logger = createLogger('api');

/**
 * The API with everything it runs on: the shipped connectors and plugins, and either the
 * in-process job runner with the store's outgoing webhooks and inbound-change rescoring, or
 * (with `queue`) the BullMQ queues the workers consume.
 */
export async function createApiStack(options: ApiStackOptions): Promise<ApiServer> {
  const { store } = options;
  const connectors = defaultConnectors();
  const plugins = options.plugins ?? defaultPlugins();
  const allowPrivateCrmUrls = options.allowPrivateCrmUrls ?? privateCrmUrlsAllowed();
  const webhooks = new StoreWebhookService({
    store,
    tenantOf: async (connectionId) => (await store.tenants.ownerOf(connectionId))?.tenantId ?? null,
  });
  const resolver = createContextResolver({
    store,
    connectors,
    plugins,
    seed: options.seed,
    ...(options.driftPsi === undefined ? {} : { driftPsi: options.driftPsi }),
    ...(options.scoreThreads === undefined ? {} : { scoreThreads: options.scoreThreads }),
    events: webhookPipelineEvents(webhooks),
    keyring: options.keyring,
    allowPrivateCrmUrls,
  });
  const work = options.queue
    ? queuedWork(store, options.queue, resolver.resolve)
    : inProcessWork(store, resolver.resolve);
  const { runs } = work;

  const salesforceHook = options.inbound?.salesforce;
  if (salesforceHook && !salesforceHook.token) {
    logger.warn(
      `/hooks/salesforce refuses every message (503): set ${SALESFORCE_HOOK_TOKEN_VARIABLE} ` +
        'and add ?token=<it> to the Outbound Message endpoint URL to enable it',
    );
  }
  // Said once here; each message is refused until the connection exists.
  if (salesforceHook && !(await store.connections.get(salesforceHook.connectionId))) {
    const why = unknownConnection(salesforceHook.connectionId);
    logger.warn(
      { code: why.code },
      `/hooks/salesforce refuses every message (503): ${why.message}`,
    );
  }
  const hooks = createHooksRouter({
    store,
    onChangesAccepted: work.onChangesAccepted,
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
  // With queues, the workers' scheduled delivery job sends the webhooks.
  const interval = options.queue ? 0 : (options.deliveryIntervalMs ?? DEFAULT_DELIVERY_INTERVAL_MS);
  const delivery =
    interval > 0
      ? new DeliveryScheduler({ store }).startDeliveryLoop({ intervalMs: interval })
      : null;

  // A port already taken fails here: what was started for the server is stopped again, so
  // the process can exit instead of idling on a delivery loop or a queue connection.
  const server = await startApiServer(
    {
      store,
      connectors,
      plugins,
      allowPrivateCrmUrls,
      runs,
      ...(work.schedules ? { schedules: work.schedules } : {}),
      keyring: options.keyring,
      webhooks,
      hooks,
      ...(options.hubspotCard ? { hubspotCard: options.hubspotCard } : {}),
    },
    options.listen,
  ).catch(async (error: unknown) => {
    await delivery?.stop();
    await work.close();
    await resolver.close();
    throw error;
  });

  return {
    ...server,
    async close() {
      await delivery?.stop();
      await server.close();
      await work.close();
      await resolver.close();
    },
  };
}

/** How runs and inbound changes are carried out: in this process, or on the queues. */
interface Work {
  runs: RunStarter;
  schedules?: ConnectionScheduler;
  onChangesAccepted(connectionId: string): Promise<void>;
  close(): Promise<void>;
}

function inProcessWork(store: Store, resolve: ContextResolver): Work {
  const runner = new InProcessRunner();
  registerPipelineJobs(runner, resolve);
  const runs = new InProcessRunStarter({ store, runner, resolve });
  const rescorer = startInboundRescorer({ store, runs });
  return {
    runs,
    onChangesAccepted: async (connectionId) => rescorer.wake(connectionId),
    async close() {
      await rescorer.close();
      await runs.close();
      await runner.close();
    },
  };
}

function queuedWork(
  store: Store,
  queue: NonNullable<ApiStackOptions['queue']>,
  resolve: ContextResolver,
): Work {
  const queues = new QueueSet({
    connection: redisConnection(queue.redisUrl),
    prefix: queue.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  const { scheduleMinutes, ...location } = queue;
  const runs = new QueuedRunStarter({ store, ...location, resolve });
  // Like `crm-ml worker --schedule-minutes`: 15 by default, 0 for none.
  const minutes = scheduleMinutes ?? 15;
  const schedules =
    minutes > 0
      ? queueConnectionScheduler(queues, { everyMinutes: minutes, storeId: store.id })
      : undefined;
  // Changes stored while no job could be added (Redis down, a crash in between) get one now.
  void store.inboundChanges
    .pendingConnections()
    .then((pending) =>
      Promise.all(pending.map((id) => enqueueInboundChanges(queues, id, store.id))),
    )
    .catch((error: unknown) => logger.error({ err: error }, 'pending inbound changes not queued'));
  return {
    runs,
    ...(schedules ? { schedules } : {}),
    onChangesAccepted: (connectionId) => enqueueInboundChanges(queues, connectionId, store.id),
    async close() {
      await runs.close();
      await queues.close();
    },
  };
}
