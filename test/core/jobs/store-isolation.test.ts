import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Job as BullJob } from 'bullmq';

import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { loadConfig } from '../../../core/config/index.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { BullmqRunner } from '../../../core/jobs/bullmq-runner.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { runOnQueue, type QueuedRunOptions } from '../../../core/jobs/queued-run.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import { startWorkers, type WorkerDeployment } from '../../../core/jobs/start-workers.js';
import { enqueueInboundChanges } from '../../../core/jobs/webhook-workers.js';
import { loadEncryptionKeyring } from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';
import { until } from '../../helpers/until.js';
import { obliterateQueues, uniquePrefix } from './queue-fixtures.js';

const TOKEN = 'store-isolation-token';
// Both stores know a connection of this id, each for its own CRM: the sandboxes share a portal id.
const CONNECTION = 'hubspot-4242';
const PLUGINS = { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } };

const redisUrl = redisUrlOrWarn('store isolation of queued jobs');

describe(
  'queued jobs name their store; a worker of another store refuses them',
  {
    skip: redisUrl === undefined,
  },
  () => {
    const url = redisUrl ?? '';
    const prefix = uniquePrefix();
    const key = randomBytes(32).toString('base64');
    let dir = '';
    let mine: Store;
    let theirs: Store;
    let myCrm: HubSpotSandbox;
    let theirCrm: HubSpotSandbox;
    let workers: WorkerDeployment;

    // What `crm-ml run` with REDIS_URL does: store the connection for the workers, queue a run.
    const queueRun = (store: Store, crm: HubSpotSandbox, wait: boolean) => {
      const options: QueuedRunOptions = {
        redisUrl: url,
        prefix,
        connectionId: CONNECTION,
        crm: {
          crm: 'hubspot',
          label: 'HubSpot',
          settings: { accessToken: TOKEN, basePath: crm.url },
        },
        plugins: PLUGINS,
        forceTrain: false,
        wait,
      };
      return runOnQueue(loadConfig({ CRM_ML_HOME: dir }), store, options);
    };

    before(async () => {
      process.env['CRM_ML_ENCRYPTION_KEY'] = key;
      dir = await mkdtemp(join(tmpdir(), 'crm-ml-isolation-'));
      mine = await openStore({ sqlitePath: join(dir, 'mine.sqlite') });
      theirs = await openStore({ sqlitePath: join(dir, 'theirs.sqlite') });
      [myCrm, theirCrm] = await Promise.all([
        startContactsOnlySandbox(TOKEN),
        startContactsOnlySandbox(TOKEN),
      ]);
      // This worker's store knows the connection too, for its own CRM.
      const { runId } = await queueRun(mine, myCrm, false);
      await obliterateQueues(url, prefix);
      assert.ok(runId);
      workers = startWorkers({
        redisUrl: url,
        prefix,
        store: mine,
        seed: 42,
        sandboxTraining: false,
        allowPrivateCrmUrls: true,
      });
    });
    after(async () => {
      await workers.close(1_000);
      await obliterateQueues(url, prefix);
      await mine.close();
      await theirs.close();
      await myCrm.close();
      await theirCrm.close();
      await rm(dir, { recursive: true, force: true });
      delete process.env['CRM_ML_ENCRYPTION_KEY'];
    });

    it('two stores have two identities', () => {
      assert.notEqual(mine.id, theirs.id);
      assert.ok(loadEncryptionKeyring(process.env), 'the workers can decrypt credentials');
    });

    it('a run another store queued fails at once with job_store_mismatch, touching nothing', async () => {
      const before = myCrm.stats.requests;
      await assert.rejects(queueRun(theirs, theirCrm, true), (error: unknown) => {
        assert.ok(error instanceof CrmMlError, String(error));
        assert.equal(error.code, 'job_store_mismatch');
        assert.equal(error.retryable, false);
        assert.match(error.message, new RegExp(`enqueued by store ${theirs.id}`));
        assert.match(error.message, new RegExp(`this worker's store is ${mine.id}`));
        assert.match(error.message, /CRM_ML_QUEUE_PREFIX/);
        return true;
      });
      assert.equal(myCrm.stats.requests, before, "the worker's own CRM was not called");
      assert.equal(theirCrm.stats.requests, 0, 'nor the other store’s CRM');
      assert.deepEqual(await mine.runs.list(CONNECTION, { limit: 5 }), [], 'no run recorded');
    });

    it('so does a stage job, and an inbound-changes job', async () => {
      const client = new BullmqRunner({ redisUrl: url, prefix, work: false, storeId: theirs.id });
      const queues = new QueueSet({ connection: redisConnection(url), prefix });
      try {
        const stage = client.run({
          kind: 'sync',
          runId: randomUUID(),
          connectionId: CONNECTION,
          payload: { objectTypes: ['contacts'] },
        });
        await assert.rejects(stage, { code: 'job_store_mismatch' });

        await enqueueInboundChanges(queues, CONNECTION, theirs.id);
        const inbound = queues.queue('inbound');
        let failed: BullJob | undefined;
        await until(async () => {
          [failed] = await inbound.getFailed(0, 1);
          return failed !== undefined;
        }, 20_000);
        assert.match(failed?.failedReason ?? '', new RegExp(`enqueued by store ${theirs.id}`));
        assert.equal(failed?.attemptsMade, 1, 'refused for good, not retried');
      } finally {
        await client.close();
        await queues.close();
      }
      assert.equal(myCrm.stats.requests, 0);
    });

    it('the worker still runs what its own store queued', async () => {
      const { summary } = await queueRun(mine, myCrm, true);
      assert.equal(summary?.writeback.written, 60);
      assert.equal(theirCrm.stats.requests, 0);
    });
  },
);
