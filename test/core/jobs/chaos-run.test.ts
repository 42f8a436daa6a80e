import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import pg from 'pg';

import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import type { JobKind } from '../../../core/jobs/job.js';
import { enqueueRun, waitForRun } from '../../../core/jobs/run-client.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { postgresUrlOrWarn, redisUrlOrWarn } from '../../helpers/database-url.js';
import { withSearchPath } from '../../helpers/store-backends.js';
import {
  activeStages,
  obliterateQueues,
  spawnWorker,
  telcoSample,
  uniquePrefix,
  writebackUnderWay,
  type WorkerProcess,
} from './queue-fixtures.js';

const CUSTOMERS = 5_000;
const TOKEN = 'chaos-token';
const SEED = 42;
const CHURN = { target: 'churn', positive: 'Yes', families: ['logistic'] };
const FIELDS = ['crm_ml_churn_score', 'crm_ml_churn_risk', 'crm_ml_churn_drivers'];
// Short locks and leases so a killed worker's jobs and claims move on within seconds.
const WORKER_ARGS = [
  ...['--json', '--lock-ms', '3000', '--claim-lease-ms', '3000', '--grace-ms', '2000'],
  ...['--schedule-minutes', '0'],
];

const redisUrl = redisUrlOrWarn('chaos run across worker processes');
const databaseUrl = postgresUrlOrWarn('chaos run across worker processes');

/** Every customer's crm-ml fields as the sandbox holds them. */
function fieldValues(sandbox: HubSpotSandbox): Map<string, string> {
  const values = new Map<string, string>();
  for (let id = 1; id <= CUSTOMERS; id += 1) {
    const record = sandbox.data.get('contacts', String(id));
    values.set(String(id), JSON.stringify(FIELDS.map((name) => record?.properties[name] ?? null)));
  }
  return values;
}

/** The same customers through the embedded runner, nobody killed: what the CRM should hold. */
async function undisturbedValues(csv: string): Promise<Map<string, string>> {
  const sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
  const directory = await mkdtemp(join(tmpdir(), 'crm-ml-chaos-'));
  const store = await openStore({ sqlitePath: join(directory, 'baseline.sqlite') });
  try {
    await seedFromCsv(sandbox, 'contacts', csv);
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'chaos',
      plugins: [createChurnPlugin()],
      pluginOptions: { churn: CHURN },
      seed: SEED,
    });
    await runPipeline(runtime.context, runtime.runner);
    await runtime.close();
    return fieldValues(sandbox);
  } finally {
    await store.close();
    await sandbox.close();
    await rm(directory, { recursive: true, force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (redisUrl && databaseUrl) {
  describe('a 5,000-customer run across two worker processes, one killed three times, once in write-back', () => {
    const prefix = uniquePrefix();
    const schema = `crm_ml_chaos_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const env = {
      REDIS_URL: redisUrl,
      DATABASE_URL: withSearchPath(databaseUrl, schema),
      CRM_ML_SEED: String(SEED),
    };
    const workers: WorkerProcess[] = [];
    let sandbox: HubSpotSandbox;
    let store: Store;
    let queues: QueueSet;
    let expected: Map<string, string>;
    let summary: RunSummary;
    let killsDuringRun = 0;
    const stagesHit: JobKind[] = [];

    before(async () => {
      const csv = await telcoSample(CUSTOMERS);
      expected = await undisturbedValues(csv);

      sandbox = await startHubSpotSandbox({
        accessToken: TOKEN,
        // Paced as a real portal is (HubSpot allows 190 per 10 s), so the run lasts long
        // enough for three kills: unpaced, it could finish between two of them.
        rateLimit: { max: 50, intervalMs: 10_000 },
      });
      await seedFromCsv(sandbox, 'contacts', csv);
      await admin.query(`create schema "${schema}"`);
      store = await openStore({ databaseUrl: env.DATABASE_URL });
      await store.connections.upsert({
        id: 'chaos',
        crm: 'hubspot',
        label: 'HubSpot sandbox',
        settings: {
          connector: { accessToken: TOKEN, basePath: sandbox.url },
          plugins: { churn: CHURN },
        },
      });
      queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
    });

    after(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
      await store.close();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
      await sandbox.close();
    });

    it('completes the run while a worker is SIGKILLed three times', async () => {
      const args = [...WORKER_ARGS, '--prefix', prefix];
      workers.push(spawnWorker(args, env), spawnWorker(args, env));
      await Promise.all(workers.map((worker) => worker.ready));

      const runId = await enqueueRun(queues, { connectionId: 'chaos' });
      const finished = waitForRun(queues, runId);
      let done = false;
      void finished.then(
        () => (done = true),
        () => (done = true),
      );

      // Two kills at random moments, the third once write-back has written something; each
      // victim is replaced, as an orchestrator would.
      for (let round = 0; round < 3; round += 1) {
        const atWriteback = round === 2;
        const holder = atWriteback
          ? await writebackUnderWay(queues, runId, (id) =>
              workers.some((worker) => worker.workerId() === id),
            )
          : await sleep(500 + Math.random() * 2_500).then(() => undefined);
        if (done) break;
        stagesHit.push(...(await activeStages(queues, runId)));
        const victim = atWriteback
          ? workers.findIndex((worker) => worker.workerId() === holder)
          : workers.length - 1 - Math.floor(Math.random() * 2);
        assert.ok(victim >= 0, `the write-back job is held by a worker of this test (${holder})`);
        const [killed] = workers.splice(victim, 1);
        killed?.kill();
        killsDuringRun += 1;
        const replacement = spawnWorker(args, env);
        workers.push(replacement);
        await replacement.ready;
      }

      summary = await finished;
      assert.equal(summary.runId, runId);
      assert.equal(killsDuringRun, 3, 'all three kills landed while the run was going');
      assert.ok(stagesHit.includes('writeback'), `stages hit: ${stagesHit.join(', ')}`);
    });

    it('keeps one run row, under the id the run was queued with', async () => {
      const runs = await store.runs.list('chaos', { limit: 10 });
      assert.deepEqual(
        runs.map((run) => [run.runId, run.status]),
        [[summary.runId, 'succeeded']],
      );
    });

    it('writes every customer, with the values of an undisturbed run', () => {
      const actual = fieldValues(sandbox);
      const unwritten = [...actual].filter(([, values]) => values.startsWith('[null'));
      assert.deepEqual(unwritten.slice(0, 5), [], `${unwritten.length} customers unwritten`);
      const differing = [...expected].filter(([id, values]) => actual.get(id) !== values);
      assert.deepEqual(differing.slice(0, 3), [], `${differing.length} customers differ`);
    });

    it('leaves no write-back entry pending', async () => {
      const counts = await store.outbox.counts('chaos');
      assert.equal(counts.pending, 0);
      assert.equal(counts.failed, 0);
    });
  });
}
