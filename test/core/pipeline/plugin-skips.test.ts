import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { formatHeadline, toHeadline } from '../../../core/runtime/run-summary-view.js';
import { openStore, type Store } from '../../../core/store/index.js';
import type { Plugin } from '../../../plugins/plugin.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';

const TOKEN = 'skips-test-token';

describe('a plugin without its data is skipped with a reason, not fatal to the run', () => {
  let sandbox: HubSpotSandbox;
  let store: Store;

  const run = async (connectionId: string, churn: Record<string, unknown>): Promise<RunSummary> => {
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId,
      plugins: defaultPlugins().list(),
      pluginOptions: { churn: { families: ['logistic'], ...churn } },
      seed: 3,
    });
    try {
      return await runPipeline(runtime.context, runtime.runner, { forceTrain: true });
    } finally {
      await runtime.close();
    }
  };

  before(async () => {
    sandbox = await startContactsOnlySandbox(TOKEN);
    store = await openStore({ sqlitePath: ':memory:' });
  });
  after(async () => {
    await store.close();
    await sandbox.close();
  });

  it('trains and writes churn when no orders or notes are synced, and says why the rest sat out', async () => {
    const summary = await run('labelled', { target: 'churn', positive: 'Yes' });

    const churn = summary.train.find((train) => train.pluginId === 'churn');
    assert.equal(churn?.trained, true);
    assert.equal(churn?.skipped, undefined);
    const skipped = Object.fromEntries(
      summary.train.filter((t) => t.skipped !== undefined).map((t) => [t.pluginId, t.skipped]),
    );
    assert.deepEqual(Object.keys(skipped).sort(), [
      'network',
      'next_best_action',
      'next_purchase',
      'recommendations',
      'segments',
      'sentiment',
      'tickets',
    ]);
    assert.match(
      skipped['next_purchase'] ?? '',
      /^No orders are synced, so none of the 60 contacts/,
    );
    assert.match(skipped['segments'] ?? '', /0 contacts have purchases/);
    assert.match(
      skipped['recommendations'] ?? '',
      /^No orders are synced, so there are no purchases/,
    );
    assert.match(skipped['sentiment'] ?? '', /No texts linked to contacts/);
    assert.match(skipped['tickets'] ?? '', /None of the 0 tickets has words/);
    assert.match(skipped['network'] ?? '', /None of the 60 contacts shares an email/);
    assert.match(skipped['next_best_action'] ?? '', /0 past actions with a known outcome/);

    const headline = toHeadline(summary);
    assert.equal(headline.scored_by_plugin['churn'], 60);
    assert.equal(headline.written, 60);
    assert.ok((headline.roc_auc ?? 0) > 0, 'churn figures come from churn, wherever it sits');
    assert.deepEqual(Object.keys(headline.skipped).sort(), Object.keys(skipped).sort());
    assert.match(formatHeadline(headline), /^skipped {5}segments: 0 contacts have purchases/m);
    assert.ok(sandbox.data.get('contacts', '1')?.properties['crm_ml_churn_score'] !== undefined);
  });

  it('skips churn too when its label property holds no values, and the run still succeeds', async () => {
    const summary = await run('unlabelled', { target: 'cancelled_at' });

    const churn = summary.train.find((train) => train.pluginId === 'churn');
    assert.equal(churn?.trained, false);
    assert.match(churn?.skipped ?? '', /No record has a value for the churn target 'cancelled_at'/);
    assert.deepEqual(summary.score.map((score) => [score.pluginId, score.scored]).sort(), [
      ['churn', 0],
      ['network', 0],
      ['next_best_action', 0],
      ['next_purchase', 0],
      ['recommendations', 0],
      ['segments', 0],
      ['sentiment', 0],
      ['tickets', 0],
    ]);
    const headline = toHeadline(summary);
    assert.equal(headline.model_version, 0);
    assert.equal(Object.keys(headline.skipped).length, 8);
    assert.doesNotMatch(formatHeadline(headline), /^churn /m);

    const [latestRun] = await store.runs.list('unlabelled', { limit: 1 });
    assert.equal(latestRun?.status, 'succeeded');
  });

  it('isolates a plugin that crashes while training or scoring; churn still runs', async () => {
    const options = { target: 'churn', positive: 'Yes', families: ['logistic'] };
    const churn = defaultPlugins().get('churn');
    assert.ok(churn !== undefined);
    const crashingTrain: Plugin = {
      ...churn,
      id: 'crash_train',
      fields: [],
      train: () => Promise.reject(new TypeError("Cannot read properties of undefined ('x')")),
    };
    const crashingScore: Plugin = {
      ...churn,
      id: 'crash_score',
      fields: [],
      train: async (records, context) => {
        const model = await churn.train(records, context);
        return {
          metrics: model.metrics,
          save: () => ({ ...model.save(), pluginId: 'crash_score' }),
          score: (batch, related) => model.score(batch, related),
        };
      },
      // Trains well; the loaded model fails on the first batch it scores.
      load: async (saved) => {
        const model = await churn.load({ ...saved, pluginId: 'churn' });
        return {
          metrics: model.metrics,
          save: () => saved,
          score: () => Promise.reject(new RangeError('index out of range')),
        };
      },
    };
    // Trains; the new model's `score` fails on the training records (the drift reference).
    const crashingReference: Plugin = {
      ...churn,
      id: 'crash_reference',
      fields: [],
      train: async () => ({
        metrics: {},
        save: () => ({ pluginId: 'crash_reference', config: {}, weights: [], metrics: {} }),
        score: () => Promise.reject(new TypeError('weights is not iterable')),
      }),
    };
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'crashing',
      plugins: [churn, crashingTrain, crashingScore, crashingReference],
      pluginOptions: { churn: options, crash_score: options },
      seed: 3,
    });
    try {
      const summary = await runPipeline(runtime.context, runtime.runner, { forceTrain: true });

      const train = new Map(summary.train.map((t) => [t.pluginId, t]));
      assert.equal(train.get('churn')?.trained, true);
      assert.match(train.get('crash_train')?.skipped ?? '', /crashed while training: Cannot read/);
      assert.equal(
        train.get('crash_reference')?.skipped,
        'crashed while scoring its training records (drift reference): weights is not iterable',
      );
      const score = new Map(summary.score.map((s) => [s.pluginId, s]));
      assert.equal(score.get('churn')?.scored, 60);
      assert.match(score.get('crash_score')?.skipped ?? '', /crashed while scoring: index out/);
      assert.equal(score.get('crash_train')?.skipped, 'skipped in training this run');
    } finally {
      await runtime.close();
    }
  });
});
