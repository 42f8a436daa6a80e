import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { formatHeadline, toHeadline } from '../../../core/runtime/run-summary-view.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';

const TOKEN = 'options-retrain-token';
const CONNECTION = 'hubspot-options';

describe('a model keeps the options it was trained with; changed options retrain', () => {
  let sandbox: HubSpotSandbox;
  let store: Store;

  const run = async (churn: Record<string, unknown>, forceTrain = false): Promise<RunSummary> => {
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: CONNECTION,
      plugins: [defaultPlugins().get('churn')],
      pluginOptions: { churn: { families: ['logistic'], ...churn } },
      seed: 5,
    });
    try {
      return await runPipeline(runtime.context, runtime.runner, { forceTrain });
    } finally {
      await runtime.close();
    }
  };
  const churnOf = (summary: RunSummary) => summary.train.find((t) => t.pluginId === 'churn');
  const scoredOf = (summary: RunSummary) => summary.score.find((s) => s.pluginId === 'churn');

  before(async () => {
    sandbox = await startContactsOnlySandbox(TOKEN);
    store = await openStore({ sqlitePath: ':memory:' });
  });
  after(async () => {
    await store.close();
    await sandbox.close();
  });

  it('records the parsed options, defaults filled in, keys sorted', async () => {
    const first = await run({ target: 'churn', positive: 'Yes' });
    assert.equal(churnOf(first)?.trained, true);
    assert.equal(churnOf(first)?.retrained, undefined);

    const options = (await store.models.latest(CONNECTION, 'churn'))?.options ?? '';
    const parsed = JSON.parse(options) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), Object.keys(parsed).sort());
    assert.deepEqual(parsed['exclude'], [], 'a default the plugin filled in');
    assert.equal(parsed['target'], 'churn');
  });

  it('the same options written in another order keep the fresh model', async () => {
    const again = await run({ positive: 'Yes', target: 'churn', families: ['logistic'] });
    assert.equal(churnOf(again)?.trained, false);
    assert.equal(churnOf(again)?.version, 1);
    assert.deepEqual(toHeadline(again).retrained, {});
  });

  it('a changed option retrains at once and says so in the summary', async () => {
    const changed = await run({ target: 'churn', positive: 'Yes', exclude: ['monthly'] });

    assert.equal(churnOf(changed)?.trained, true);
    assert.equal(churnOf(changed)?.version, 2);
    assert.equal(churnOf(changed)?.retrained, 'options changed');
    assert.equal(scoredOf(changed)?.modelVersion, 2);
    const headline = toHeadline(changed);
    assert.deepEqual(headline.retrained, { churn: 'options changed' });
    assert.match(formatHeadline(headline), /^retrained {3}churn: options changed$/m);
    assert.match(formatHeadline(headline), /^churn {7}v2 \(trained now\)/m);
  });

  it('a new target without values skips churn: the older model neither scores nor reports', async () => {
    for (const forceTrain of [false, true]) {
      const summary = await run({ target: 'nope' }, forceTrain);

      const churn = churnOf(summary);
      assert.equal(churn?.trained, false);
      assert.match(
        churn?.skipped ?? '',
        /^No record has a value for the churn target 'nope'.*options changed since v2, which no longer/,
      );
      assert.deepEqual(churn?.metrics, {});
      assert.equal(scoredOf(summary)?.scored, 0);

      const headline = toHeadline(summary);
      assert.equal(headline.model_version, 0);
      assert.equal(headline.roc_auc, null);
      const text = formatHeadline(headline);
      assert.doesNotMatch(text, /^churn /m, `forceTrain ${forceTrain}: no v2 metrics line`);
      assert.match(text, /^skipped {5}churn: No record has a value for the churn target 'nope'/m);
    }
    assert.equal((await store.models.latest(CONNECTION, 'churn'))?.version, 2);
  });

  it('a model saved before options were recorded is not retrained for the upgrade alone', async () => {
    const latest = await store.models.latest(CONNECTION, 'churn');
    assert.ok(latest !== null);
    const { version } = await store.models.save({
      connectionId: CONNECTION,
      pluginId: 'churn',
      saved: latest.saved,
      trainedAt: new Date().toISOString(),
    });

    const summary = await run({ target: 'churn', positive: 'Yes', exclude: ['tenure'] });
    assert.equal(churnOf(summary)?.trained, false);
    assert.equal(churnOf(summary)?.version, version);
    assert.equal(scoredOf(summary)?.skipped, undefined);
  });
});
