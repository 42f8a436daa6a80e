import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline } from '../../../core/pipeline/run-pipeline.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { formatHeadline, toHeadline } from '../../../core/runtime/run-summary-view.js';
import { openStore, type Store } from '../../../core/store/index.js';
import type { Plugin } from '../../../plugins/plugin.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';

const TOKEN = 'training-warnings-token';
const WARNING = 'segments differ almost only in notes_90d (100 % of the spread between them)';

describe("a model's training warnings reach the run summary", () => {
  let sandbox: HubSpotSandbox;
  let store: Store;

  before(async () => {
    sandbox = await startContactsOnlySandbox(TOKEN);
    store = await openStore({ sqlitePath: ':memory:' });
  });
  after(async () => {
    await store.close();
    await sandbox.close();
  });

  it('lists them per plugin in the headline and as warning lines', async () => {
    const churn = defaultPlugins().get('churn');
    const warned: Plugin = {
      ...churn,
      id: 'warned',
      fields: [],
      train: async (records, context) => {
        const model = await churn.train(records, context);
        return {
          metrics: model.metrics,
          warnings: [WARNING],
          save: () => ({ ...model.save(), pluginId: 'warned' }),
          score: (batch, related) => model.score(batch, related),
        };
      },
      load: (saved) => churn.load({ ...saved, pluginId: 'churn' }),
    };
    const options = { target: 'churn', positive: 'Yes', families: ['logistic'] };
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'warnings',
      plugins: [churn, warned],
      pluginOptions: { churn: options, warned: options },
      seed: 3,
    });
    try {
      const summary = await runPipeline(runtime.context, runtime.runner);

      const train = new Map(summary.train.map((t) => [t.pluginId, t]));
      assert.deepEqual(train.get('warned')?.warnings, [WARNING]);
      assert.equal(train.get('churn')?.warnings, undefined);
      const headline = toHeadline(summary, {
        segments: {
          k: 2,
          silhouette: 1,
          names: { 'very active in notes (2 notes in 90 days)': 7 },
        },
      });
      assert.deepEqual(headline.warnings, { warned: [WARNING] });
      const text = formatHeadline(headline);
      assert.ok(text.split('\n').includes(`warning     warned: ${WARNING}`), text);
      assert.match(
        text,
        /^segments {4}k=2 \(silhouette 1\.00\): 7 very active in notes \(2 notes/m,
      );
    } finally {
      await runtime.close();
    }
  });
});
