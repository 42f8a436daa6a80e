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
import { openStore, type Store } from '../../../core/store/index.js';
import { postgresUrlOrWarn, redisUrlOrWarn } from '../../helpers/database-url.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { withSearchPath } from '../../helpers/store-backends.js';
import {
  obliterateQueues,
  spawnWorker,
  telcoSample,
  uniquePrefix,
  writebackUnderWay,
  type WorkerProcess,
} from './queue-fixtures.js';

const CUSTOMERS = 500;
const TOKEN = 'disruptions-token';
const CHURN = { target: 'churn', positive: 'Yes', families: ['logistic'] };
const WORKER_ARGS = [
  ...['--json', '--lock-ms', '3000', '--claim-lease-ms', '3000', '--grace-ms', '1000'],
  ...['--schedule-minutes', '0'],
];

const redisUrl = redisUrlOrWarn('queued runs through Redis, PostgreSQL and worker disruptions');
const databaseUrl = postgresUrlOrWarn(
  'queued runs through Redis, PostgreSQL and worker disruptions',
);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

if (redisUrl && databaseUrl) {
  // A bound on the whole suite: a run nobody can finish must fail the test, not hang it.
  const options = { timeout: 240_000 };
  describe(
    'queued runs survive a Redis restart, lost PostgreSQL connections and SIGTERM',
    options,
    () => {
      const schema = `crm_ml_disrupt_${randomUUID().slice(0, 8)}`;
      // Every worker connection carries this name, so a test can cut exactly those.
      const application = `crm-ml-disrupt-${randomUUID().slice(0, 8)}`;
      const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      const workerDatabaseUrl = (() => {
        const url = new URL(withSearchPath(databaseUrl, schema));
        url.searchParams.set('application_name', application);
        return url.toString();
      })();
      const sandboxes: HubSpotSandbox[] = [];
      const workers: WorkerProcess[] = [];
      let store: Store;
      let csv: string;

      before(async () => {
        csv = await telcoSample(CUSTOMERS);
        await admin.query(`create schema "${schema}"`);
        store = await openStore({ databaseUrl: withSearchPath(databaseUrl, schema) });
      });

      after(async () => {
        await Promise.all(workers.map((worker) => worker.stop()));
        await store.close();
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
        await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
      });

      /** A seeded sandbox and a stored connection to it. */
      async function connection(id: string): Promise<HubSpotSandbox> {
        const sandbox = await startHubSpotSandbox({
          accessToken: TOKEN,
          rateLimit: { max: 1_000, intervalMs: 10_000 },
        });
        sandboxes.push(sandbox);
        await seedFromCsv(sandbox, 'contacts', csv);
        await store.connections.upsert({
          id,
          crm: 'hubspot',
          label: id,
          settings: {
            connector: { accessToken: TOKEN, basePath: sandbox.url },
            plugins: { churn: CHURN },
          },
        });
        return sandbox;
      }

      function start(redis: string, prefix: string): WorkerProcess {
        const worker = spawnWorker([...WORKER_ARGS, '--prefix', prefix], {
          REDIS_URL: redis,
          DATABASE_URL: workerDatabaseUrl,
          CRM_ML_SEED: '42',
        });
        workers.push(worker);
        return worker;
      }

      /**
       * Nothing lost, nothing stale: the outbox is drained, and every customer holds in the CRM
       * exactly the values the store says the CRM last got from us.
       */
      async function assertConsistent(
        connectionId: string,
        sandbox: HubSpotSandbox,
      ): Promise<void> {
        await eventually('the outbox is drained', async () => {
          return (await store.outbox.counts(connectionId)).pending === 0;
        });
        assert.equal((await store.outbox.counts(connectionId)).failed, 0);

        const ids = Array.from({ length: CUSTOMERS }, (_, i) => String(i + 1));
        const state = await store.outbox.lastWritten(connectionId, 'contacts', 'churn', ids);
        const differing = ids.filter((id) => {
          const held = sandbox.data.get('contacts', id)?.properties['crm_ml_churn_score'];
          const sent = state.get(id)?.values['crm_ml_churn_score'];
          return sent === undefined || held !== String(sent);
        });
        assert.deepEqual(differing.slice(0, 5), [], `${differing.length} customers differ`);
      }

      it('after a Redis restart mid-run, workers reconnect and a re-queued run completes', async () => {
        const redis: RedisServer = await startRedisServer();
        const prefix = uniquePrefix();
        const sandbox = await connection('redis-restart');
        const queues = new QueueSet({ connection: redisConnection(redis.url), prefix });
        try {
          const worker = start(redis.url, prefix);
          await worker.ready;
          const lostRun = await enqueueRun(queues, { connectionId: 'redis-restart' });
          await writebackUnderWay(queues, lostRun);

          // Nothing is kept on disk: the restart loses every queued and active job.
          await redis.restart();
          await eventually('the interrupted run is recorded as ended', async () => {
            const [run] = await store.runs.list('redis-restart', { limit: 1 });
            return run?.status === 'failed';
          });

          const rerun = await enqueueRun(queues, { connectionId: 'redis-restart' });
          const summary = await waitForRun(queues, rerun);
          assert.equal(summary.runId, rerun);
          await assertConsistent('redis-restart', sandbox);
          const runs = await store.runs.list('redis-restart', { limit: 5 });
          assert.deepEqual(
            runs.map((run) => [run.runId, run.status]),
            [
              [rerun, 'succeeded'],
              [lostRun, 'failed'],
            ],
            'no run is left `running`',
          );
        } finally {
          await queues.close();
          await Promise.all(workers.splice(0).map((worker) => worker.stop()));
          await redis.stop();
        }
      });

      describe('on the shared Redis', () => {
        const prefix = uniquePrefix();
        let queues: QueueSet;

        before(async () => {
          queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
          const pair = [start(redisUrl, prefix), start(redisUrl, prefix)];
          await Promise.all(pair.map((worker) => worker.ready));
        });

        after(async () => {
          await queues.close();
          await obliterateQueues(redisUrl, prefix);
        });

        it('after the workers lose their PostgreSQL connections, a run or its rerun completes', async () => {
          const sandbox = await connection('pg-loss');
          const runId = await enqueueRun(queues, { connectionId: 'pg-loss' });
          const finished = waitForRun(queues, runId);
          finished.catch(() => undefined);
          await writebackUnderWay(queues, runId);

          const cut = await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
            [application],
          );
          assert.ok((cut.rowCount ?? 0) > 0, 'worker connections were terminated');

          // Either the run rides through the lost connections, or it fails and a rerun mends it.
          const outcome = await finished.then(
            () => 'completed',
            () => 'failed',
          );
          if (outcome === 'failed') {
            await waitForRun(queues, await enqueueRun(queues, { connectionId: 'pg-loss' }));
          }
          await assertConsistent('pg-loss', sandbox);
          const dead = workers.filter((worker) => worker.child.exitCode !== null);
          assert.deepEqual(
            dead.map((worker) => worker.stderr().slice(-2_000)),
            [],
            'no worker died',
          );
          const runs = await store.runs.list('pg-loss', { limit: 5 });
          assert.ok(
            runs.every((run) => run.status !== 'running'),
            `runs: ${runs.map((run) => run.status).join(', ')}`,
          );
        });

        it('a worker stopped with SIGTERM in write-back exits 0 and hands back its work', async () => {
          const sandbox = await connection('sigterm');
          const runId = await enqueueRun(queues, { connectionId: 'sigterm' });
          const finished = waitForRun(queues, runId);
          finished.catch(() => undefined);

          const holder = await writebackUnderWay(queues, runId);
          const index = workers.findIndex((worker) => worker.workerId() === holder);
          assert.ok(index >= 0, `the write-back job is held by a worker of this test (${holder})`);
          const [stopped] = workers.splice(index, 1);
          assert.equal(await stopped?.stop(), 0, 'the worker exits 0');

          const held = await admin.query(
            `select count(*)::int as n from "${schema}".outbox
           where claimed_by = $1 and status in ('pending', 'superseded')`,
            [holder],
          );
          assert.equal(held.rows[0]?.n, 0, 'the stopped worker holds no write-back claims');

          const summary = await finished;
          assert.equal(summary.runId, runId);
          await assertConsistent('sigterm', sandbox);
          const [run] = await store.runs.list('sigterm', { limit: 5 });
          assert.deepEqual([run?.runId, run?.status], [runId, 'succeeded']);
        });
      });
    },
  );
}
