import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Job as BullJob } from 'bullmq';

import { signHubSpotRequestV3 } from '../../../connectors/hubspot/inbound/index.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { createApiStack } from '../../../core/api/create-api-stack.js';
import type { ApiServer } from '../../../core/api/start-api-server.js';
import { INBOUND_QUEUE, RUN_QUEUE, WEBHOOK_QUEUE } from '../../../core/jobs/queue-names.js';
import { QueueSet } from '../../../core/jobs/queue-set.js';
import { redisConnection } from '../../../core/jobs/redis-connection.js';
import type { RunJobData } from '../../../core/jobs/run-job.js';
import { startWorkers, type WorkerDeployment } from '../../../core/jobs/start-workers.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { obliterateQueues, telcoSample, uniquePrefix } from '../jobs/queue-fixtures.js';
import { startSubscriber, type Subscriber } from '../webhooks/webhook-test-kit.js';
import { createKey } from './api-harness.js';
import { until } from '../../helpers/until.js';

const SECRET = 'hubspot-app-secret';
const PUBLIC_URL = 'https://crm-ml.example.com';
const PORTAL = 777;
const redisUrl = redisUrlOrWarn('API on the queues');

// The subscriber listens on 127.0.0.1: opt in to private webhook destinations.
process.env['CRM_ML_WEBHOOKS_ALLOW_PRIVATE'] = 'true';

if (redisUrl) {
  describe('the API with REDIS_URL: runs, inbound changes and webhooks go through the queues', () => {
    const prefix = uniquePrefix();
    let directory: string;
    let sandbox: HubSpotSandbox;
    let store: Store;
    let workers: WorkerDeployment;
    let api: ApiServer;
    let queues: QueueSet;
    let subscriber: Subscriber;
    let key: string;
    let connectionId: string;

    before(async () => {
      // The workers decrypt credentials with the environment's key, the API with its keyring.
      const key32 = randomBytes(32);
      process.env['CRM_ML_ENCRYPTION_KEY'] = key32.toString('base64');
      directory = await mkdtemp(join(tmpdir(), 'crm-ml-queued-api-'));
      sandbox = await startHubSpotSandbox({ accessToken: 'portal-token' });
      await seedFromCsv(sandbox, 'contacts', await telcoSample(300));
      store = await openStore({ sqlitePath: join(directory, 'store.sqlite') });
      workers = startWorkers({
        redisUrl,
        prefix,
        store,
        seed: 3,
        sandboxTraining: false,
        allowPrivateCrmUrls: true,
      });
      api = await createApiStack({
        store,
        keyring: createKeyring([encryptionKeyFromBytes(key32)]),
        seed: 3,
        listen: { port: 0 },
        // The CRM is a sandbox on 127.0.0.1.
        allowPrivateCrmUrls: true,
        inbound: { hubspot: { clientSecret: SECRET, publicBaseUrl: PUBLIC_URL } },
        // No run schedule: every run here is one the test started.
        queue: { redisUrl, prefix, scheduleMinutes: 0 },
      });
      queues = new QueueSet({ connection: redisConnection(redisUrl), prefix });
      subscriber = await startSubscriber(() => Date.now());
      key = await createKey(store, 'acme', 'admin');
    });

    after(async () => {
      await api.close();
      await workers.close(1_000);
      await queues.close();
      await obliterateQueues(redisUrl, prefix);
      await subscriber.close();
      await store.close();
      await sandbox.close();
      await rm(directory, { recursive: true, force: true });
      delete process.env['CRM_ML_ENCRYPTION_KEY'];
    });

    const call = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${api.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });

    const runStatus = async (runId: number): Promise<string | undefined> => {
      const response = await call(`/v1/connections/${connectionId}/runs/${runId}`);
      return ((await response.json()) as { status?: string }).status;
    };

    it('starts a run through the BullMQ run queue, and a worker finishes its row', async () => {
      const created = await call('/v1/connections', {
        method: 'POST',
        body: JSON.stringify({
          crm: 'hubspot',
          label: 'Acme',
          credentials: { accessToken: 'portal-token', basePath: sandbox.url },
          plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
          hubspotPortalId: PORTAL,
        }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      connectionId = ((await created.json()) as { id: string }).id;
      const subscribed = await call('/v1/webhooks', {
        method: 'POST',
        body: JSON.stringify({ url: `${subscriber.url}/runs`, events: ['run.completed'] }),
      });
      assert.equal(subscribed.status, 201, await subscribed.clone().text());

      const started = await call(`/v1/connections/${connectionId}/runs`, {
        method: 'POST',
        body: '{"kind":"pipeline"}',
      });
      assert.equal(started.status, 202, await started.clone().text());
      const { id } = (await started.json()) as { id: number };

      const runJobs = await queues.queue(RUN_QUEUE).getJobs(['waiting', 'active', 'completed']);
      const mine = runJobs.filter((job) => (job.data as RunJobData).storeRunId === id);
      assert.equal(mine.length, 1, 'the run is a job on the run queue');

      const again = await call(`/v1/connections/${connectionId}/runs`, {
        method: 'POST',
        body: '{"kind":"pipeline"}',
      });
      assert.equal(again.status, 409, 'a second run of the connection waits its turn');

      await until(async () => (await runStatus(id)) === 'succeeded');
      assert.match(
        String(sandbox.data.get('contacts', '1')?.properties['crm_ml_churn_score']),
        /^\d+$/,
      );
      const runs = await store.runs.list(connectionId, { limit: 10 });
      assert.equal(runs.length, 1, 'the worker finished the API’s row instead of adding one');
    });

    it('delivers outbound webhooks from the scheduled delivery job on the queue', async () => {
      await until(async () => subscriber.received.some((r) => r.path === '/runs'), 15_000);
      const schedulers = await queues.queue(WEBHOOK_QUEUE).getJobSchedulers();
      assert.equal(schedulers.length, 1, 'one delivery schedule however many workers');
    });

    it('stores a signed HubSpot batch and queues its processing before the 200', async () => {
      const inbound = queues.queue(INBOUND_QUEUE);
      const jobsBefore = (await inbound.getJobs(['waiting', 'active', 'completed'])).length;
      const body = JSON.stringify([
        { eventId: 5, subscriptionType: 'contact.propertyChange', portalId: PORTAL, objectId: 2 },
      ]);
      const post = (timestamp: string, signature: string) =>
        fetch(`${api.url}/hooks/hubspot`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-hubspot-signature-v3': signature,
            'x-hubspot-request-timestamp': timestamp,
          },
        });
      const sign = (timestamp: string) =>
        signHubSpotRequestV3({
          clientSecret: SECRET,
          method: 'POST',
          uri: `${PUBLIC_URL}/hooks/hubspot`,
          body,
          timestamp,
        });

      const old = String(Date.now() - 6 * 60_000);
      assert.equal((await post(old, sign(old))).status, 401);
      const now = String(Date.now());
      assert.equal((await post(now, `${sign(now).slice(0, -4)}AAA=`)).status, 401);
      assert.equal((await inbound.getJobs(['waiting', 'active', 'completed'])).length, jobsBefore);
      assert.deepEqual(await store.inboundChanges.pending(connectionId), [], 'nothing stored');

      assert.equal((await post(now, sign(now))).status, 200);
      const jobs = await inbound.getJobs(['waiting', 'active', 'completed']);
      assert.equal(jobs.length, jobsBefore + 1, 'the processing is a job once HubSpot has its 200');
      assert.equal(jobs.at(0) instanceof BullJob, true);
      assert.equal((await post(now, sign(now))).status, 401, 'a replay is refused');

      // A worker runs the connection for it and marks the change handled.
      await until(async () => (await store.inboundChanges.pending(connectionId)).length === 0);
      const runs = await store.runs.list(connectionId, { limit: 10 });
      assert.equal(runs.length, 2);
      assert.equal(runs[0]?.status, 'succeeded');
    });
  });
}
