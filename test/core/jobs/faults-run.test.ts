import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  seedFromCsv,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { enqueueRun, waitForRun } from '../../../core/jobs/run-client.js';
import { startWorkers, type WorkerDeployment } from '../../../core/jobs/start-workers.js';
import type { RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, telcoSample, uniquePrefix } from './queue-fixtures.js';

const CUSTOMERS = 1_000;
const OAUTH = { clientId: 'app', clientSecret: 'app-secret', refreshToken: 'refresh-1' };
const redisUrl = redisUrlOrWarn('queued run against a faulty CRM');

if (redisUrl) {
  describe('a queued run against a CRM with 10% faults and an expiring token', () => {
    const prefix = uniquePrefix();
    let directory: string;
    let sandbox: HubSpotSandbox;
    let store: Store;
    let workers: WorkerDeployment;
    let queues: QueueSet;
    let summary: RunSummary;

    before(async () => {
      directory = await mkdtemp(join(tmpdir(), 'crm-ml-faults-'));
      sandbox = await startHubSpotSandbox({
        accessToken: 'first-token',
        oauth: OAUTH,
        faults: 0.1,
        faultSeed: 3,
        hangMs: 500,
        rateLimit: { max: 1_000, intervalMs: 10_000 },
      });
      await seedFromCsv(sandbox, 'contacts', await telcoSample(CUSTOMERS));
      store = await openStore({ sqlitePath: join(directory, 'faults.sqlite') });
      await store.connections.upsert({
        id: 'faulty',
        crm: 'hubspot',
        label: 'faulty sandbox',
        settings: {
          connector: { accessToken: 'first-token', basePath: sandbox.url, oauth: OAUTH },
          plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
        },
      });
      workers = startWorkers({
        redisUrl,
        prefix,
        store,
        seed: 42,
        sandboxTraining: false,
        baseDelayMs: 200,
        maxAttempts: 6,
      });
      queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
    });

    after(async () => {
      await workers.close(1_000);
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
      await store.close();
      await sandbox.close();
      await rm(directory, { recursive: true, force: true });
    });

    it('completes with every customer written despite the faults', async () => {
      const runId = await enqueueRun(queues, { connectionId: 'faulty' });
      // The token expires while the run is going; the connector must refresh it.
      setTimeout(() => sandbox.expireToken(), 300);
      summary = await waitForRun(queues, runId);

      assert.ok(sandbox.stats.faultsInjected > 0, 'faults were injected');
      const unwritten = [];
      for (let id = 1; id <= CUSTOMERS; id += 1) {
        const record = sandbox.data.get('contacts', String(id));
        if (record?.properties['crm_ml_churn_score'] == null) unwritten.push(id);
      }
      assert.deepEqual(unwritten, []);
      const counts = await store.outbox.counts('faulty');
      assert.equal(counts.pending, 0);
      assert.equal(counts.failed, 0);
      assert.equal(summary.writeback.failed, 0);
    });
  });
}
