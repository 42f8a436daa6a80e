import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import pg from 'pg';

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
import { postgresUrlOrWarn, redisUrlOrWarn } from '../../helpers/database-url.js';
import { withSearchPath } from '../../helpers/store-backends.js';
import { obliterateQueues, telcoSample, uniquePrefix } from './queue-fixtures.js';

const CUSTOMERS = 1_000;
const OAUTH = { clientId: 'app', clientSecret: 'app-secret', refreshToken: 'refresh-1' };
const redisUrl = redisUrlOrWarn('queued run against a faulty CRM');
const databaseUrl = postgresUrlOrWarn('queued run against a faulty CRM');
const TOKEN_ROUTE = 'POST /oauth/v1/token';

if (redisUrl && databaseUrl) {
  describe('a queued run against a CRM with 10% faults and an expiring token', () => {
    const prefix = uniquePrefix();
    const schema = `crm_ml_faults_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    let sandbox: HubSpotSandbox;
    let store: Store;
    let workers: WorkerDeployment;
    let queues: QueueSet;
    let summary: RunSummary;

    before(async () => {
      sandbox = await startHubSpotSandbox({
        accessToken: 'first-token',
        oauth: OAUTH,
        faults: 0.1,
        faultSeed: 3,
        hangMs: 500,
        rateLimit: { max: 1_000, intervalMs: 10_000 },
      });
      await seedFromCsv(sandbox, 'contacts', await telcoSample(CUSTOMERS));
      await admin.query(`create schema "${schema}"`);
      store = await openStore({ databaseUrl: withSearchPath(databaseUrl, schema) });
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
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
      await sandbox.close();
    });

    it('completes with every customer written despite the faults', async () => {
      const runId = await enqueueRun(queues, { connectionId: 'faulty' });
      // The token expires while the run is going; the connector must refresh it.
      setTimeout(() => sandbox.expireToken(), 300);
      summary = await waitForRun(queues, runId);

      assert.ok(sandbox.stats.faultsInjected > 0, 'faults were injected');
      assert.ok((sandbox.stats.byRoute[TOKEN_ROUTE] ?? 0) > 0, 'the expired token was refreshed');
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
