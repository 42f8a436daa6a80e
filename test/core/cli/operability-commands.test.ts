import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Worker } from 'bullmq';

import {
  seedFromCsv,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { scheduleAllConnections } from '../../../core/jobs/connection-schedules.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { startWorkers } from '../../../core/jobs/start-workers.js';
import { openStore } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';
import { obliterateQueues, telcoSample, uniquePrefix } from '../jobs/queue-fixtures.js';

const redisUrl = redisUrlOrWarn('status, doctor and queued run commands');
const TOKEN = 'cli-token';
const CUSTOMERS = 300;

interface Check {
  name: string;
  level: string;
  message: string;
}

/** The environment of a CLI run with its own home and nothing inherited that would matter. */
function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    CRM_ML_HOME: home,
    DATABASE_URL: '',
    REDIS_URL: '',
    LOG_LEVEL: 'error',
    CRM_ML_SEED: '42',
    ...extra,
  };
}

if (redisUrl) {
  describe('operability commands', () => {
    let dir: string;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'crm-ml-ops-'));
    });

    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('doctor --json warns when Redis may evict queue keys, and not under noeviction', async () => {
      const evicting = await startRedisServer(['--maxmemory-policy', 'allkeys-lru']);
      const safe = await startRedisServer();
      try {
        // A queued configuration needs its encryption key; doctor refuses one without.
        const key = randomBytes(32).toString('base64');
        const policy = async (url: string): Promise<Check | undefined> => {
          // A home each: two doctors creating one new store at once race on its migrations.
          const home = join(dir, `doctor-${new URL(url).port}`);
          const env = cliEnv(home, { REDIS_URL: url, CRM_ML_ENCRYPTION_KEY: key });
          const result = await runCli(['doctor', '--json'], env);
          assert.equal(result.code, 0, result.stderr);
          const checks = parseSingleJson(result.stdout)['checks'] as Check[];
          assert.equal(checks.find((c) => c.name === 'redis')?.level, 'ok');
          return checks.find((check) => check.name === 'redis maxmemory-policy');
        };

        const [warned, fine] = await Promise.all([policy(evicting.url), policy(safe.url)]);
        assert.equal(warned?.level, 'warn');
        assert.match(warned?.message ?? '', /allkeys-lru.*noeviction/);
        assert.deepEqual(fine, {
          name: 'redis maxmemory-policy',
          level: 'ok',
          message: 'noeviction',
        });
      } finally {
        await Promise.all([evicting.stop(), safe.stop()]);
      }
    });

    it('status --json shows last run, backlog, queue depths, failures and next schedule', async () => {
      const home = join(dir, 'status');
      const prefix = uniquePrefix();
      const store = await openStore({ sqlitePath: join(home, 'crm-ml.sqlite') });
      const queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
      try {
        await store.connections.upsert({ id: 'shop', crm: 'hubspot', label: 'Shop', settings: {} });
        const row = await store.runs.start({
          connectionId: 'shop',
          kind: 'pipeline',
          startedAt: '2024-06-01T00:00:00Z',
          runId: 'run-1',
        });
        await store.runs.finish(row, {
          status: 'failed',
          summary: { error: 'boom' },
          finishedAt: '2024-06-01T00:01:00Z',
        });
        await store.outbox.enqueue([
          {
            connectionId: 'shop',
            objectType: 'contacts',
            recordId: '1',
            pluginId: 'churn',
            values: { crm_ml_churn_score: 1 },
            modelVersion: 1,
            scoredAt: '2024-06-01T00:00:00Z',
          },
        ]);
        await scheduleAllConnections(queues, store, { everyMinutes: 15 });
        await failOneSyncJob(queues);

        const result = await runCli(
          ['status', '--json', '--prefix', prefix],
          cliEnv(home, { REDIS_URL: redisUrl }),
        );
        assert.equal(result.code, 0, result.stderr);
        const status = parseSingleJson(result.stdout) as unknown as StatusJson;

        const [shop] = status.connections;
        assert.deepEqual(shop?.last_run, {
          run_id: 'run-1',
          status: 'failed',
          started_at: '2024-06-01T00:00:00.000Z',
          finished_at: '2024-06-01T00:01:00.000Z',
        });
        assert.equal(shop?.outbox['pending'], 1);
        assert.ok(Number.isFinite(Date.parse(shop?.next_run_at ?? '')), 'next run is scheduled');
        const run = status.queues['run']?.depth;
        assert.equal((run?.['waiting'] ?? 0) + (run?.['delayed'] ?? 0), 1, 'the scheduled run');
        assert.deepEqual(
          status.queues['run']?.schedules.map((schedule) => schedule.id),
          ['runs.shop'],
        );
        assert.equal(status.queues['sync']?.depth['failed'], 1);
        assert.deepEqual(
          status.queues['sync']?.recent_failures.map((f) => [f.id, f.reason]),
          [['broken.sync', 'the CRM is down']],
        );
      } finally {
        await queues.close();
        await obliterateQueues(redisUrl, prefix);
        await store.close();
      }
    });

    it('run --wait --json prints the embedded runner’s summary shape from a queued run', async () => {
      const sandboxes: HubSpotSandbox[] = [];
      const redis = await startRedisServer();
      const csv = await telcoSample(CUSTOMERS);
      const crm = async (): Promise<NodeJS.ProcessEnv> => {
        const sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
        sandboxes.push(sandbox);
        await seedFromCsv(sandbox, 'contacts', csv);
        return {
          HUBSPOT_ACCESS_TOKEN: TOKEN,
          HUBSPOT_BASE_URL: sandbox.url,
          CRM_ML_CHURN_TARGET: 'churn',
          CRM_ML_CHURN_POSITIVE: 'Yes',
        };
      };
      // A queued run hands the CRM token to the workers encrypted; these workers run here.
      const key = randomBytes(32).toString('base64');
      process.env['CRM_ML_ENCRYPTION_KEY'] = key;
      const queuedHome = join(dir, 'queued');
      const store = await openStore({ sqlitePath: join(queuedHome, 'crm-ml.sqlite') });
      // Its own Redis: `crm-ml run` queues under the default prefix, which no other test owns.
      const workers = startWorkers({
        redisUrl: redis.url,
        store,
        seed: 42,
        sandboxTraining: false,
      });
      try {
        const [embeddedCrm, queuedCrm] = await Promise.all([crm(), crm()]);
        const [embedded, queued] = await Promise.all([
          runCli(['run', '--json'], cliEnv(join(dir, 'embedded'), embeddedCrm)),
          runCli(
            ['run', '--wait', '--json'],
            cliEnv(queuedHome, { ...queuedCrm, REDIS_URL: redis.url, CRM_ML_ENCRYPTION_KEY: key }),
          ),
        ]);
        assert.equal(embedded.code, 0, embedded.stdout + embedded.stderr);
        assert.equal(queued.code, 0, queued.stdout + queued.stderr);

        const inProcess = parseSingleJson(embedded.stdout);
        const onQueue = parseSingleJson(queued.stdout);
        assert.deepEqual(Object.keys(onQueue).sort(), Object.keys(inProcess).sort());
        assert.equal(onQueue['written'], CUSTOMERS);
        assert.equal(onQueue['written'], inProcess['written']);
        const [connection] = await store.connections.list();
        const runs = await store.runs.list(connection?.id ?? '', { limit: 5 });
        assert.deepEqual(
          runs.map((run) => [run.runId, run.status]),
          [[onQueue['run_id'], 'succeeded']],
          'the store row carries the id the command printed',
        );
      } finally {
        await workers.close(1_000);
        delete process.env['CRM_ML_ENCRYPTION_KEY'];
        await store.close();
        await redis.stop();
        await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
      }
    });
  });
}

interface StatusJson {
  connections: {
    id: string;
    last_run: Record<string, unknown> | null;
    outbox: Record<string, number>;
    next_run_at: string | null;
  }[];
  queues: Record<
    string,
    {
      depth: Record<string, number>;
      schedules: { id: string }[];
      recent_failures: { id: string; reason: string }[];
    }
  >;
}

/** One sync job that fails for good, so the queue has a failure to show. */
async function failOneSyncJob(queues: QueueSet): Promise<void> {
  const { location } = queues;
  const failed = new Promise<void>((resolve) => {
    const worker = new Worker(
      'sync',
      async () => {
        throw new Error('the CRM is down');
      },
      location,
    );
    worker.on('failed', () => void worker.close().then(resolve));
  });
  await queues.queue('sync').add('sync', {}, { jobId: 'broken.sync', attempts: 1 });
  await failed;
}
