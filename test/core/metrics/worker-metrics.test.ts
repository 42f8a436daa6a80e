import assert from 'node:assert/strict';
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
import { startMetricsServer, type MetricsServer } from '../../../core/metrics/metrics-server.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, telcoSample, uniquePrefix } from '../jobs/queue-fixtures.js';

const redisUrl = redisUrlOrWarn('worker metrics');
const CONNECTION = 'metered';

/** The value of one sample line, e.g. `crm_ml_crm_calls_total{connection="metered"}`. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

if (redisUrl) {
  describe('a worker’s /metrics after a run', () => {
    const prefix = uniquePrefix();
    let sandbox: HubSpotSandbox;
    let store: Store;
    let workers: WorkerDeployment;
    let queues: QueueSet;
    let server: MetricsServer;

    before(async () => {
      // Some requests answered 429 by the CRM, so the 429 count has something to count.
      sandbox = await startHubSpotSandbox({
        accessToken: 'metrics-token',
        faults: 0.04,
        faultSeed: 5,
        faultKinds: ['rate_limit'],
        retryAfter: false,
      });
      await seedFromCsv(sandbox, 'contacts', await telcoSample(300));
      store = await openStore({ sqlitePath: ':memory:' });
      await store.connections.upsert({
        id: CONNECTION,
        crm: 'hubspot',
        label: 'metered sandbox',
        settings: {
          connector: { accessToken: 'metrics-token', basePath: sandbox.url },
          plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
        },
      });
      workers = startWorkers({ redisUrl, prefix, store, seed: 42, sandboxTraining: false });
      queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
      server = await startMetricsServer(workers.metrics.registry, 0, '127.0.0.1');
    });

    after(async () => {
      await server.close();
      await workers.close(1_000);
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
      await store.close();
      await sandbox.close();
    });

    it('reports jobs by state, durations, depth, every CRM call, real 429s and lag', async () => {
      const runId = await enqueueRun(queues, { connectionId: CONNECTION });
      const summary = await waitForRun(queues, runId);
      assert.ok(summary.writeback.written > 0, 'the run wrote back');

      const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      assert.equal(response.status, 200);
      const text = await response.text();

      for (const queue of ['run', 'sync', 'score', 'writeback']) {
        const done = sample(text, 'crm_ml_jobs_total', `queue="${queue}",state="completed"`);
        assert.ok(done !== undefined && done >= 1, `${queue} jobs completed: ${done}`);
        const timed = sample(text, 'crm_ml_job_duration_seconds_count', `queue="${queue}"`);
        assert.ok(timed !== undefined && timed >= 1, `${queue} durations: ${timed}`);
      }
      assert.equal(sample(text, 'crm_ml_queue_depth', 'queue="run",state="waiting"'), 0);
      assert.ok((sample(text, 'crm_ml_queue_depth', 'queue="run",state="completed"') ?? 0) >= 1);

      // Every request the worker sent, whichever stage sent it, and each 429 the CRM answered.
      const labels = `connection="${CONNECTION}"`;
      assert.equal(sample(text, 'crm_ml_crm_calls_total', labels), sandbox.stats.requests);
      assert.ok(sandbox.stats.faultsInjected > 0, 'the CRM answered some requests with 429');
      assert.equal(
        sample(text, 'crm_ml_crm_429_total', labels),
        sandbox.stats.faultsInjected + sandbox.stats.rateLimited,
      );
      const writes = sample(text, 'crm_ml_writeback_calls_total', `${labels},outcome="ok"`);
      assert.ok(writes !== undefined && writes >= 1 && writes < sandbox.stats.requests);
      const lag = sample(text, 'crm_ml_writeback_lag_seconds', labels);
      assert.ok(lag !== undefined && lag >= 0 && lag < 600, `write-back lag ${lag}`);
      assert.match(text, /# TYPE crm_ml_rate_budget_waits_total counter/);
    });
  });
}
