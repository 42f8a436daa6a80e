import { InProcessRunner } from '../jobs/in-process-runner.js';
import { registerPipelineJobs } from '../pipeline/pipeline-jobs.js';
import { createContextResolver } from '../runtime/context-resolver.js';
import { defaultConnectors, defaultPlugins } from '../runtime/default-registries.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Store } from '../store/index.js';
import { WebhookService as StoreWebhookService } from '../webhooks/webhook-service.js';
import { InProcessRunStarter } from './in-process-run-starter.js';
import { startApiServer, type ApiServer } from './start-api-server.js';
import type { WebhookService } from './webhook-service.js';

export interface ApiStackOptions {
  store: Store;
  keyring: EncryptionKeyring;
  seed: number;
  listen: { port: number; host?: string };
  hubspotCard?: { clientSecret: string; publicUrl?: string };
}

/**
 * The API with everything it runs on in one process: the shipped connectors and plugins, the
 * in-process job runner, and the store's outgoing webhooks.
 */
export async function createApiStack(options: ApiStackOptions): Promise<ApiServer> {
  const { store } = options;
  const connectors = defaultConnectors();
  const resolver = createContextResolver({
    store,
    connectors,
    plugins: defaultPlugins(),
    seed: options.seed,
  });
  const runner = new InProcessRunner();
  registerPipelineJobs(runner, resolver.resolve);
  const runs = new InProcessRunStarter({ store, runner, resolve: resolver.resolve });

  const webhooks: WebhookService = new StoreWebhookService({
    store,
    tenantOf: async (connectionId) => (await store.tenants.ownerOf(connectionId))?.tenantId ?? null,
  });

  const server = await startApiServer(
    {
      store,
      connectors,
      runs,
      keyring: options.keyring,
      webhooks,
      ...(options.hubspotCard ? { hubspotCard: options.hubspotCard } : {}),
    },
    options.listen,
  );

  return {
    ...server,
    async close() {
      await server.close();
      await runs.close();
      await runner.close();
      await resolver.close();
    },
  };
}
