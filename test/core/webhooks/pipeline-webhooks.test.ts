import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline } from '../../../core/pipeline/run-pipeline.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { openStore, type Store } from '../../../core/store/index.js';
import {
  DeliveryScheduler,
  webhookPipelineEvents,
  WebhookService,
} from '../../../core/webhooks/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { startSubscriber, verifyAsSubscriber, type Subscriber } from './webhook-test-kit.js';

// The subscriber listens on 127.0.0.1: opt in to private webhook destinations.
process.env.CRM_ML_WEBHOOKS_ALLOW_PRIVATE = 'true';

const TOKEN = 'pipeline-webhooks-token';

describe('a pipeline run notifies webhook subscribers', () => {
  let sandbox: HubSpotSandbox;
  let store: Store;
  let subscriber: Subscriber;

  before(async () => {
    sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
    await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);
    store = await openStore({ sqlitePath: ':memory:' });
    subscriber = await startSubscriber(() => Date.now());
  });

  after(async () => {
    await subscriber.close();
    await store.close();
    await sandbox.close();
  });

  it('sends signed score.updated batches and run.completed after the run', async () => {
    const service = new WebhookService({ store });
    const { secret } = await service.subscribe({
      tenantId: 'acme',
      url: `${subscriber.url}/crm-ml`,
      events: ['score.updated', 'run.completed'],
    });
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'hs',
      plugins: [createChurnPlugin()],
      pluginOptions: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
      seed: 3,
      events: webhookPipelineEvents(service),
    });

    const summary = await runPipeline(runtime.context, runtime.runner);
    await runtime.close();
    await new DeliveryScheduler({ store }).runDue();

    const bodies = subscriber.received.map(
      (request) => verifyAsSubscriber(secret, request) as { type: string; data: unknown },
    );
    const updates = bodies.filter((body) => body.type === 'score.updated');
    const completed = bodies.filter((body) => body.type === 'run.completed');
    assert.equal(updates.length, Math.ceil(7043 / 100));
    assert.equal(completed.length, 1);
    assert.match(JSON.stringify(completed[0]?.data), new RegExp(summary.runId));
  });
});
