import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { QueuedRunStarter } from '../../../core/api/queued-run-starter.js';
import { BullmqRunner } from '../../../core/jobs/bullmq-runner.js';
import { RUN_QUEUE, stageJobId } from '../../../core/jobs/queue-names.js';
import type { RunJobData } from '../../../core/jobs/run-job.js';
import { createContextResolver } from '../../../core/runtime/context-resolver.js';
import { defaultConnectors, defaultPlugins } from '../../../core/runtime/default-registries.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { until } from '../../helpers/until.js';
import { obliterateQueues, uniquePrefix } from '../jobs/queue-fixtures.js';
import { createConnection, keyOf, startHarness, type Harness } from './api-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERVER = fileURLToPath(new URL('./fixtures/log-capture-server.ts', import.meta.url));

interface RunBody {
  id: number;
  runId: string | null;
  status: string;
}

describe('every run started through the API has a run id (in-process)', () => {
  let h: Harness;
  let connectionId: string;

  before(async () => {
    h = await startHarness();
    connectionId = await createConnection(h, 'a');
  });
  after(() => h.close());

  for (const kind of ['sync', 'train', 'score', 'writeback', 'pipeline']) {
    test(`a ${kind} run answers, lists and stores its run id`, async () => {
      const started = await h.request(`/v1/connections/${connectionId}/runs`, {
        method: 'POST',
        key: keyOf(h, 'a', 'write'),
        body: JSON.stringify({ kind }),
      });
      assert.equal(started.status, 202);
      const run = (await started.json()) as RunBody;
      assert.match(run.runId ?? '', UUID);

      const path = `/v1/connections/${connectionId}/runs/${run.id}`;
      let read: RunBody | undefined;
      await until(async () => {
        read = (await (await h.request(path, { key: keyOf(h, 'a', 'read') })).json()) as RunBody;
        return read.status !== 'running';
      }, 10_000);
      assert.equal(read?.runId, run.runId);
      const stored = await h.store.runs.list(connectionId, { limit: 20 });
      assert.equal(stored.find((r) => r.id === run.id)?.runId, run.runId);
    });
  }
});

test('the log lines of an API-started sync run carry its run id', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, NODE_TEST_CONTEXT: '', LOG_LEVEL: 'info' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const { url, keys } = JSON.parse(first.toString()) as { url: string; keys: { write: string } };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${keys.write}`, 'content-type': 'application/json' },
    });

  const created = await call('/v1/connections', {
    method: 'POST',
    body: JSON.stringify({
      crm: 'fake',
      label: 'logged run',
      credentials: { accessToken: 'pat-logged' },
      plugins: { churn: { target: 'churn' } },
    }),
  });
  const { id } = (await created.json()) as { id: string };
  const started = await call(`/v1/connections/${id}/runs`, {
    method: 'POST',
    body: '{"kind":"sync"}',
  });
  const run = (await started.json()) as RunBody;
  await until(async () => {
    const body = (await (await call(`/v1/connections/${id}/runs/${run.id}`)).json()) as RunBody;
    return body.status !== 'running';
  }, 10_000);
  child.stdin.end();
  await once(child, 'close');

  const lines = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { component?: string; runId?: string; msg?: string });
  const ofRun = lines.filter((line) => line.runId === run.runId);
  assert.ok(
    ofRun.some((line) => line.component === 'api.runs'),
    'the API logs the run by id',
  );
  assert.ok(
    ofRun.some((line) => line.component === 'jobs.runner'),
    'its job logs the same id',
  );
});

const redisUrl = redisUrlOrWarn('run ids of queued API runs');

if (redisUrl) {
  describe('every run started through the API has a run id (queued)', () => {
    const prefix = uniquePrefix();
    let store: Store;
    let starter: QueuedRunStarter;
    let client: BullmqRunner;

    before(async () => {
      store = await openStore({ sqlitePath: ':memory:' });
      await store.connections.upsert({
        id: 'queued-ids',
        crm: 'hubspot',
        label: 'never called',
        settings: {
          connector: { accessToken: 'pat-unused', basePath: 'http://127.0.0.1:9' },
          plugins: { churn: { target: 'churn', positive: 'Yes' } },
        },
      });
      const resolver = createContextResolver({
        store,
        connectors: defaultConnectors(),
        plugins: defaultPlugins(),
        seed: 1,
      });
      starter = new QueuedRunStarter({ store, redisUrl, prefix, resolve: resolver.resolve });
      client = new BullmqRunner({ redisUrl, prefix, work: false });
    });

    after(async () => {
      await obliterateQueues(redisUrl, prefix);
      await starter.close();
      await client.close();
      await store.close();
    });

    test('a stage run and a pipeline run are queued under the id their rows carry', async () => {
      const stageRow = await starter.start({
        connectionId: 'queued-ids',
        kind: 'score',
        forceTrain: false,
      });
      const [stage] = await store.runs.list('queued-ids', { limit: 1 });
      assert.equal(stage?.id, stageRow);
      assert.match(stage?.runId ?? '', UUID);
      // The stage job is added just after the answer, under an id made of the run id.
      const jobId = stageJobId(stage?.runId ?? '', 'score');
      await until(async () => (await client.queues.queue('score').getJob(jobId)) !== undefined);
      const job = await client.queues.queue('score').getJob(jobId);
      assert.equal((job?.data as { runId?: string } | undefined)?.runId, stage?.runId);

      // Nothing consumes the queue: once the job is gone, the starter records the run failed.
      await obliterateQueues(redisUrl, prefix);
      await until(async () => (await store.runs.last('queued-ids'))?.status !== 'running', 10_000);

      await starter.start({ connectionId: 'queued-ids', kind: 'pipeline', forceTrain: false });
      const pipeline = await store.runs.last('queued-ids');
      assert.match(pipeline?.runId ?? '', UUID);
      const queued = await client.queues.queue(RUN_QUEUE).getJob(pipeline?.runId ?? '');
      const data = queued?.data as RunJobData | undefined;
      assert.deepEqual([data?.runId, data?.storeRunId], [pipeline?.runId, pipeline?.id]);
    });
  });
}
