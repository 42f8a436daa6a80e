import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { Queue } from 'bullmq';

import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { BullmqRunner } from '../../../core/jobs/bullmq-runner.js';
import type { JobRunner } from '../../../core/jobs/job.js';
import { STAGE_KINDS } from '../../../core/jobs/queue-names.js';
import { registerPipelineJobs } from '../../../core/pipeline/pipeline-jobs.js';
import { provisionFields } from '../../../core/pipeline/provision-fields.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { fieldsToProvision } from '../../../core/writeback/own-fields.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { redisUrlOrWarn } from '../../helpers/database-url.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';

const TOKEN = 'rewrite-test-token';
const CONTACTS = 60;

/** Runs stages in this process, or on BullMQ queues (payloads and results through Redis). */
interface RunnerKind {
  name: string;
  make(): { runner: JobRunner | null; close(): Promise<void> };
}

const IN_PROCESS: RunnerKind = {
  name: 'in-process',
  make: () => ({ runner: null, close: async () => {} }),
};

function bullmqKind(redisUrl: string): RunnerKind {
  return {
    name: 'BullMQ',
    make() {
      const prefix = `crm-ml-test-${randomUUID().slice(0, 8)}`;
      const runner = new BullmqRunner({ redisUrl, prefix, baseDelayMs: 5 });
      const close = async (): Promise<void> => {
        await runner.close();
        for (const kind of STAGE_KINDS) {
          const queue = new Queue(kind, { connection: { url: redisUrl }, prefix });
          await queue.obliterate({ force: true });
          await queue.close();
        }
      };
      return { runner, close };
    },
  };
}

const redisUrl = redisUrlOrWarn('rewrite after field loss (BullMQ)');
const kinds = redisUrl === undefined ? [IN_PROCESS] : [IN_PROCESS, bullmqKind(redisUrl)];

for (const kind of kinds)
  describe(`fields created afresh in the CRM get every value written again (${kind.name})`, () => {
    let sandbox: HubSpotSandbox;
    let store: Store;
    const churn = createChurnPlugin();
    const ids = Array.from({ length: CONTACTS }, (_id, index) => String(index + 1));

    const settings = () => ({
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'rewrite',
      plugins: [churn],
      pluginOptions: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
      seed: 5,
    });
    const run = async (): Promise<RunSummary> => {
      const runtime = openRuntime({ ...settings(), store });
      const queued = kind.make();
      try {
        if (queued.runner !== null)
          registerPipelineJobs(queued.runner, async () => runtime.context);
        return await runPipeline(runtime.context, queued.runner ?? runtime.runner);
      } finally {
        await queued.close();
        await runtime.close();
      }
    };
    // An admin deletes crm-ml's fields: HubSpot archives them and the records lose the values.
    const deleteFields = (): string[] => {
      const names = fieldsToProvision([churn]).map((field) => field.name);
      for (const name of names) assert.ok(sandbox.data.catalog.archive('contacts', name), name);
      for (const id of ids) {
        const record = sandbox.data.record('contacts', id);
        for (const name of names) record?.properties.delete(name);
      }
      return names;
    };
    const scoreOf = (id: string): unknown =>
      sandbox.data.get('contacts', id)?.properties['crm_ml_churn_score'];

    before(async () => {
      sandbox = await startContactsOnlySandbox(TOKEN, CONTACTS);
      store = await openStore({ sqlitePath: ':memory:' });
    });
    after(async () => {
      await store.close();
      await sandbox.close();
    });

    it('a run after the fields were deleted re-creates them and writes every record', async () => {
      const first = await run();
      assert.equal(first.writeback.written, CONTACTS);
      assert.ok(ids.every((id) => scoreOf(id) !== undefined));

      const names = deleteFields();

      const second = await run();
      assert.deepEqual([...second.provision.created].sort(), [...names].sort());
      assert.deepEqual(second.provision.rewrite, ['churn']);
      assert.equal(second.train[0]?.trained, false, 'the model is still fresh');
      assert.equal(second.score[0]?.scored, CONTACTS);
      assert.equal(second.score[0]?.queued, CONTACTS);
      assert.equal(second.writeback.written, CONTACTS);
      const missing = ids.filter((id) => scoreOf(id) === undefined);
      assert.deepEqual(missing, [], 'every contact holds its churn score again');

      const third = await run();
      assert.deepEqual(third.provision.rewrite, []);
      assert.equal(third.score[0]?.scored, 0, 'with the fields in place, nothing changed');
      assert.equal(third.writeback.written, 0);
    });

    it('writes every record again also when the run that re-created the fields stopped', async () => {
      deleteFields();
      // A run that stops right after provisioning (out of memory in training, say).
      const runtime = openRuntime({ ...settings(), store });
      try {
        assert.deepEqual((await provisionFields(runtime.context)).rewrite, ['churn']);
      } finally {
        await runtime.close();
      }

      const next = await run();
      assert.deepEqual(next.provision.rewrite, [], 'the fields are there already');
      assert.equal(next.writeback.written, CONTACTS);
      assert.deepEqual(
        ids.filter((id) => scoreOf(id) === undefined),
        [],
      );
    });
  });
