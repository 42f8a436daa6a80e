import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { Queue } from 'bullmq';

import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { openStore } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';
import { until } from '../../helpers/until.js';
import { spawnWorker } from '../jobs/queue-fixtures.js';

const TOKEN = 'queue-prefix-token';
const CLI_ENTRY = fileURLToPath(new URL('../../helpers/cli-entry.ts', import.meta.url));

// A Redis of its own: a command that ignored the setting would queue under the default prefix.
const enabled = redisUrlOrWarn('CRM_ML_QUEUE_PREFIX') !== undefined;

describe(
  'CRM_ML_QUEUE_PREFIX: one queue prefix for run, status, worker and serve',
  { skip: !enabled },
  () => {
    const prefix = `staging-${randomUUID().slice(0, 8)}`;
    let redis: RedisServer;
    let sandbox: HubSpotSandbox;
    let home = '';
    let env: NodeJS.ProcessEnv = {};
    let runId = '';
    const runQueue = (queuePrefix: string) =>
      new Queue('run', { connection: { url: redis.url }, prefix: queuePrefix });

    before(async () => {
      redis = await startRedisServer();
      sandbox = await startContactsOnlySandbox(TOKEN);
      home = await mkdtemp(join(tmpdir(), 'crm-ml-prefix-'));
      env = {
        CRM_ML_HOME: home,
        DATABASE_URL: '',
        REDIS_URL: redis.url,
        CRM_ML_QUEUE_PREFIX: prefix,
        CRM_ML_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        HUBSPOT_ACCESS_TOKEN: TOKEN,
        HUBSPOT_BASE_URL: sandbox.url,
        CRM_ML_CHURN_POSITIVE: 'Yes',
        CRM_ML_ENABLED_PLUGINS: 'churn',
        CRM_ML_PLUGIN_OPTIONS: '{"churn":{"families":["logistic"]}}',
        LOG_LEVEL: 'error',
      };
    });
    after(async () => {
      await redis.stop();
      await sandbox.close();
      await rm(home, { recursive: true, force: true });
    });

    it('run queues under the prefix, and nothing under the default one', async () => {
      const result = await runCli(['run', '--json'], env);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      runId = String(parseSingleJson(result.stdout)['run_id']);

      const [mine, fallback] = [runQueue(prefix), runQueue('crm-ml')];
      try {
        assert.equal(await mine.getJobState(runId), 'waiting');
        assert.equal(await fallback.getJobState(runId), 'unknown');
      } finally {
        await Promise.all([mine.close(), fallback.close()]);
      }
    });

    it('status counts the queues under the prefix; its --prefix flag wins', async () => {
      type Status = { queues: Record<string, { depth: Record<string, number> }> };
      const depth = async (args: string[]): Promise<number | undefined> => {
        const result = await runCli(['status', '--json', ...args], env);
        assert.equal(result.code, 0, result.stderr);
        const status = parseSingleJson(result.stdout) as unknown as Status;
        return status.queues['run']?.depth['waiting'];
      };
      assert.equal(await depth([]), 1);
      assert.equal(await depth(['--prefix', 'elsewhere']), 0);
    });

    it('a worker started with the same setting runs it', async () => {
      const worker = spawnWorker(['--json', '--schedule-minutes', '0'], {
        ...env,
        CRM_ML_CRM_ALLOW_PRIVATE: 'true',
      });
      const queue = runQueue(prefix);
      try {
        await worker.ready;
        await until(async () => (await queue.getJobState(runId)) === 'completed', 90_000);
      } finally {
        await queue.close();
        assert.equal(await worker.stop(), 0, worker.stderr());
      }
    });

    it('serve queues under the prefix too: changes left pending are queued as it starts', async () => {
      const store = await openStore({ sqlitePath: join(home, 'crm-ml.sqlite') });
      const now = new Date();
      const expires = new Date(now.getTime() + 3_600_000).toISOString();
      const change = { deliveryId: 'd-1', connectionId: 'hubspot-4242', recordId: '1' };
      await store.inboundChanges.accept(
        'hubspot',
        [{ ...change, objectType: 'contacts' }],
        now.toISOString(),
        expires,
      );
      await store.close();

      const serve = spawn(
        process.execPath,
        ['--import', 'tsx', CLI_ENTRY, 'serve', '--json', '--port', '0'],
        { env: { ...process.env, NODE_TEST_CONTEXT: '', ...env }, stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      const inbound = new Queue('inbound', { connection: { url: redis.url }, prefix });
      try {
        await until(async () => (await inbound.getWaitingCount()) === 1, 60_000);
      } finally {
        await inbound.close();
        serve.kill('SIGTERM');
        await exited;
      }
    });
  },
);
