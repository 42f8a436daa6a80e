import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { createSalesforceConnector } from '../../../connectors/salesforce/index.js';
import {
  seedFromCsv,
  startSalesforceSandbox,
  TELCO_SEED_PATH,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { runPipeline } from '../../../core/pipeline/run-pipeline.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { openStore, type Store } from '../../../core/store/index.js';

describe('an org without some object types a plugin reads', () => {
  let sandbox: SalesforceSandbox;
  let store: Store;

  before(async () => {
    // The sandbox has no Order or Note object, as an org with Orders not enabled.
    sandbox = await startSalesforceSandbox();
    await seedFromCsv(sandbox, 'Contact', TELCO_SEED_PATH);
    store = await openStore({ sqlitePath: ':memory:' });
  });
  after(async () => {
    await store.close();
    await sandbox.close();
  });

  it('skips those syncs and their plugins, and still scores churn', async () => {
    const plugins = defaultPlugins()
      .list()
      .filter((plugin) => ['churn', 'segments', 'sentiment'].includes(plugin.id));
    const runtime = openRuntime({
      store,
      connector: createSalesforceConnector({
        instanceUrl: sandbox.url,
        accessToken: sandbox.accessToken,
      }),
      connectionId: 'org-without-orders',
      plugins,
      pluginOptions: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
      seed: 3,
    });
    try {
      const summary = await runPipeline(runtime.context, runtime.runner);

      const skipped = Object.fromEntries(
        summary.sync.filter((s) => s.skipped !== undefined).map((s) => [s.objectType, s.skipped]),
      );
      assert.match(skipped['orders'] ?? '', /INVALID_TYPE[^]*'Order' is not supported/);
      assert.match(skipped['notes'] ?? '', /'Note' is not supported/);
      const trained = summary.train.filter((t) => t.trained).map((t) => t.pluginId);
      assert.deepEqual(trained, ['churn']);
      assert.ok((summary.score.find((s) => s.pluginId === 'churn')?.scored ?? 0) > 7000);
    } finally {
      await runtime.close();
    }
  });
});
