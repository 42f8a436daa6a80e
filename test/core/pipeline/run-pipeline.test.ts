import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openRuntime, type Runtime } from '../../../core/runtime/open-runtime.js';
import type { Store } from '../../../core/store/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { postgresUrlOrWarn } from '../../helpers/database-url.js';
import { storeBackends } from '../../helpers/store-backends.js';

const TOKEN = 'pipeline-test-token';

/** One connection's runtime against `sandbox`, storing into `store`. */
function runtimeFor(sandbox: HubSpotSandbox, store: Store): Runtime {
  return openRuntime({
    store,
    connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
    connectionId: 'test-hubspot',
    plugins: [createChurnPlugin()],
    // Logistic regression alone keeps this suite quick; model choice is tested with the plugin.
    pluginOptions: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
    seed: 7,
  });
}

async function run(sandbox: HubSpotSandbox, store: Store, forceTrain = false): Promise<RunSummary> {
  const runtime = runtimeFor(sandbox, store);
  try {
    return await runPipeline(runtime.context, runtime.runner, { forceTrain });
  } finally {
    await runtime.close();
  }
}

const backends = storeBackends().filter((backend) => backend.persistent);
if (!process.env['DATABASE_URL']) postgresUrlOrWarn('pipeline run');

for (const backend of backends) {
  describe(`pipeline run against the HubSpot sandbox (Telco customers, ${backend.name})`, () => {
    let sandbox: HubSpotSandbox;
    let store: Store;
    let first: RunSummary;

    before(async () => {
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
      await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);
      await backend.setup();
      store = await backend.open();
      first = await run(sandbox, store);
    });

    after(async () => {
      await store.close();
      await sandbox.close();
      await backend.teardown();
    });

    it('syncs, scores and writes every customer on the first run', () => {
      const [sync] = first.sync;
      assert.equal(sync?.inserted, 7043);
      assert.equal(sync?.crmTotal, 7043);
      assert.equal(sync?.storeTotal, 7043);
      assert.equal(first.score[0]?.scored, 7043);
      assert.equal(first.writeback.written, 7043);
      assert.equal(first.writeback.calls, Math.ceil(7043 / 100));
      assert.ok((first.train[0]?.metrics['roc_auc'] ?? 0) > 0.8);
    });

    it('leaves readable scores and drivers on the CRM records', () => {
      const record = sandbox.data.get('contacts', '1');
      assert.ok(record, 'contact 1 exists in the sandbox');
      const score = Number(record.properties['crm_ml_churn_score']);
      assert.ok(score >= 0 && score <= 100, `score ${score} within 0–100`);
      assert.match(String(record.properties['crm_ml_churn_risk']), /^(low|medium|high)$/);
      assert.match(String(record.properties['crm_ml_churn_drivers']), /[↑↓]/);
      assert.match(String(record.properties['crm_ml_model_version']), /^churn v1$/);
      assert.equal(first.verify.matched, first.verify.checked);
      assert.ok(first.verify.checked > 0);
    });

    it('a second run with no CRM change finds nothing new and writes nothing', async () => {
      const second = await run(sandbox, store);
      assert.equal(second.sync[0]?.inserted, 0);
      assert.equal(second.sync[0]?.updated, 0);
      assert.equal(second.train[0]?.trained, false);
      assert.equal(second.score[0]?.queued, 0);
      assert.equal(second.writeback.calls, 0);
    });

    it('after 10 contacts change, exactly those are re-synced and rescored', async () => {
      const changed = ['11', '22', '33', '44', '55', '66', '77', '88', '99', '111'];
      const writtenAt = (id: string): unknown =>
        sandbox.data.get('contacts', id)?.properties['crm_ml_scored_at'];
      const allIds = Array.from({ length: 7043 }, (_id, index) => String(index + 1));
      const before = new Map(allIds.map((id) => [id, writtenAt(id)]));
      for (const id of changed) {
        sandbox.data.update('contacts', id, { contract: 'Month-to-month', tenure: '1' });
      }

      const third = await run(sandbox, store);
      assert.equal(third.sync[0]?.updated, 10);
      assert.equal(third.score[0]?.scored, 10);
      // Month-to-month with a tenure of one month moves a score: some of the ten are rewritten,
      // and nothing else is.
      const rewritten = allIds.filter((id) => writtenAt(id) !== before.get(id));
      assert.ok(third.writeback.written > 0, 'changed values were written');
      assert.equal(third.writeback.written, rewritten.length);
      assert.ok(
        rewritten.every((id) => changed.includes(id)),
        `rewritten: ${rewritten.join()}`,
      );
      assert.equal(third.writeback.calls, 1);
      assert.equal(third.train[0]?.updated, false, 'ten outcomes are too few to learn from');
    });

    it('new outcomes update the fresh model without a full retrain, metrics before/after kept', async () => {
      // 600 customers' outcomes flip: new labels the model has not seen.
      for (let id = 2001; id <= 2600; id += 1) {
        const contact = sandbox.data.get('contacts', String(id));
        const churned = contact?.properties['churn'] === 'Yes';
        sandbox.data.update('contacts', String(id), { churn: churned ? 'No' : 'Yes' });
      }

      const fourth = await run(sandbox, store);
      const train = fourth.train[0];
      assert.equal(train?.trained, false);
      assert.equal(train?.updated, true);
      assert.equal(train?.version, 2);
      // The ten changed in the run before were too few to learn from then: they count now.
      assert.equal(train?.records, 610);
      assert.equal(typeof train?.metrics['update_roc_auc_before'], 'number');
      assert.equal(typeof train?.metrics['update_roc_auc_after'], 'number');
      assert.equal(fourth.score[0]?.scored, 7043, 'a new version scores everyone');
    });
  });
}
