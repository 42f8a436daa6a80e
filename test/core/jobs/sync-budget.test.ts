import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { BullmqRunner } from '../../../core/jobs/bullmq-runner.js';
import { SharedRateLimit } from '../../../core/jobs/shared-rate-limit.js';
import { startWorkers, type WorkerDeployment } from '../../../core/jobs/start-workers.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, uniquePrefix } from './queue-fixtures.js';

const redisUrl = redisUrlOrWarn('sync draws from the shared rate budget');
const TOKEN = 'sync-budget-token';
const CEILING = { max: 500, intervalMs: 10_000 };
// Three pages of 100 contacts, and a count before and after them.
const CONTACTS = 250;
// What another worker's write-back left of the portal's window: nothing, for this long.
const SPENT_FOR_MS = 1_500;

if (redisUrl) {
  describe('a queued sync draws from the connection’s shared rate budget', () => {
    const prefix = uniquePrefix();
    const connectionId = 'sync-budget';
    let sandbox: HubSpotSandbox;
    let store: Store;
    let workers: WorkerDeployment;
    let client: BullmqRunner;
    let otherWorker: SharedRateLimit;

    before(async () => {
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN, rateLimit: CEILING });
      for (let i = 0; i < CONTACTS; i += 1) {
        sandbox.data.create('contacts', { email: `s${i}@example.com` });
      }
      store = await openStore({ sqlitePath: ':memory:' });
      await store.connections.upsert({
        id: connectionId,
        crm: 'hubspot',
        label: 'budget sandbox',
        settings: {
          connector: { accessToken: TOKEN, basePath: sandbox.url },
          plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
        },
      });
      workers = startWorkers({ redisUrl, prefix, store, seed: 42, queues: ['sync'] });
      client = new BullmqRunner({ redisUrl, prefix, work: false });
      otherWorker = new SharedRateLimit(redisUrl, prefix);
    });

    after(async () => {
      await workers.close(1_000);
      await client.close();
      await otherWorker.close();
      await obliterateQueues(redisUrl, prefix);
      await store.close();
      await sandbox.close();
    });

    it('waits while write-back elsewhere has spent the window, then follows the CRM’s headers', async () => {
      // Write-back on another worker saw the portal's window used up by its calls.
      await otherWorker.observe(connectionId, { remaining: 0, max: 10, intervalMs: SPENT_FOR_MS });

      const started = Date.now();
      const summary = await client.run({
        kind: 'sync',
        runId: 'sync-budget-run',
        connectionId,
        payload: { objectTypes: ['contacts'] },
      });
      const ms = Date.now() - started;

      assert.ok(summary);
      assert.equal(await store.records.count(connectionId, 'contacts'), CONTACTS);
      assert.ok(ms >= SPENT_FOR_MS - 200, `the sync waited for the window (${ms} ms)`);
      const metrics = await workers.metrics.registry.metrics();
      assert.match(metrics, /crm_ml_rate_budget_waits_total\{connection="sync-budget"\} [1-9]/);

      // The sync's own calls are in the shared log, and the window is the one HubSpot reported.
      const reported = await otherWorker.reported(connectionId);
      assert.deepEqual([reported?.max, reported?.intervalMs], [CEILING.max, CEILING.intervalMs]);
      assert.ok((reported?.remaining ?? CEILING.max) < CEILING.max, 'remaining counts the sync');
      assert.equal(sandbox.stats.rateLimited, 0);
    });
  });
}
