import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Store } from '../../../core/store/index.js';
import type { SavedModel } from '../../../plugins/plugin.js';
import { uniqueConnectionId } from './fixtures.js';

function savedModel(pluginId: string, auc: number): SavedModel {
  return {
    pluginId,
    config: { family: 'logistic', features: ['tenure', 'плата 💶'] },
    weights: { coefficients: [0.25, -1.5, 3], bias: 0.1 },
    metrics: { roc_auc: auc, brier: 0.12 },
  };
}

const TRAINED_AT = '2024-06-01T00:00:00Z';

function train(store: Store, connectionId: string, pluginId: string, auc = 0.8) {
  const saved = savedModel(pluginId, auc);
  return store.models.save({ connectionId, pluginId, saved, trainedAt: TRAINED_AT });
}

/** Model versions and score batches. */
export function modelScoreSuite(getStore: () => Store): void {
  describe('models', () => {
    test('versions increase per connection and plugin', async () => {
      const store = getStore();
      const { models } = store;
      const conn = uniqueConnectionId();
      const other = uniqueConnectionId();

      const first = await train(store, conn, 'churn', 0.8);
      const second = await train(store, conn, 'churn', 0.9);
      const segment = await train(store, conn, 'segments', 0.5);
      const elsewhere = await train(store, other, 'churn', 0.7);

      assert.deepEqual(
        [first.version, second.version, segment.version, elsewhere.version],
        [1, 2, 1, 1],
      );
      assert.notEqual(first.id, second.id);

      const latest = await models.latest(conn, 'churn');
      assert.equal(latest?.id, second.id);
      assert.equal(latest?.trainedAt, '2024-06-01T00:00:00.000Z');
      assert.deepEqual(latest?.saved, savedModel('churn', 0.9));
      assert.deepEqual((await models.get(first.id))?.saved, savedModel('churn', 0.8));
      assert.equal(await models.get(-1), null);
      assert.equal(await models.latest(conn, 'unknown'), null);

      const listed = await models.list(conn);
      assert.deepEqual(
        listed.map((m) => [m.pluginId, m.version]),
        [
          ['churn', 2],
          ['churn', 1],
          ['segments', 1],
        ],
      );
      assert.equal('saved' in (listed[0] ?? {}), false);
      assert.equal((await models.list(conn, 'segments')).length, 1);
    });

    test('a model keeps the options it was trained with; one saved without has null', async () => {
      const { models } = getStore();
      const conn = uniqueConnectionId();
      const options = '{"k":4,"timeProperty":"invoice_date"}';
      const base = { connectionId: conn, pluginId: 'segments', trainedAt: TRAINED_AT };

      const before = await models.save({ ...base, saved: savedModel('segments', 0.5) });
      const after = await models.save({ ...base, saved: savedModel('segments', 0.6), options });

      assert.equal((await models.get(before.id))?.options, null);
      assert.equal((await models.latest(conn, 'segments'))?.options, options);
      assert.deepEqual(
        (await models.list(conn)).map((m) => [m.version, m.options]),
        [
          [after.version, options],
          [before.version, null],
        ],
      );
    });

    test('a model of another plugin or with a NaN metric is refused', async () => {
      const { models } = getStore();
      const base = { connectionId: uniqueConnectionId(), pluginId: 'churn', trainedAt: TRAINED_AT };

      await assert.rejects(models.save({ ...base, saved: savedModel('segments', 1) }), {
        code: 'store_invalid_model',
      });
      await assert.rejects(models.save({ ...base, saved: savedModel('churn', NaN) }), {
        code: 'store_invalid_model',
      });
    });
  });

  describe('scores', () => {
    test('10,000 scores, past both parameter limits, save in one call', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const model = await train(store, conn, 'churn');
      const { scores } = store;
      const batch = Array.from({ length: 10_000 }, (_, i) => ({
        recordId: `r${i}`,
        score: i / 10_000,
        values: { crm_ml_churn_score: i / 100, crm_ml_churn_reason: 'über 🚨' },
        scoredAt: '2024-06-02T00:00:00Z',
      }));

      assert.equal(await scores.saveMany(model.id, conn, 'churn', batch), 10_000);
      assert.equal(await scores.countForModel(model.id), 10_000);

      const stored = await scores.latest(conn, 'churn', 'r42');
      assert.deepEqual(stored, {
        modelId: model.id,
        connectionId: conn,
        pluginId: 'churn',
        recordId: 'r42',
        score: 0.0042,
        values: { crm_ml_churn_score: 0.42, crm_ml_churn_reason: 'über 🚨' },
        scoredAt: '2024-06-02T00:00:00.000Z',
      });
    });

    test('latest is the most recent score across models; rescoring replaces', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const v1 = await train(store, conn, 'churn', 0.8);
      const v2 = await train(store, conn, 'churn', 0.9);
      const { scores } = store;
      const score = (value: number, scoredAt: string) => ({
        recordId: 'a',
        score: value,
        values: {},
        scoredAt,
      });

      await scores.saveMany(v2.id, conn, 'churn', [score(0.2, '2024-06-02T00:00:00Z')]);
      await scores.saveMany(v1.id, conn, 'churn', [score(0.1, '2024-06-01T00:00:00Z')]);
      assert.equal((await scores.latest(conn, 'churn', 'a'))?.score, 0.2);

      await scores.saveMany(v1.id, conn, 'churn', [score(0.3, '2024-06-03T00:00:00Z')]);
      assert.equal((await scores.latest(conn, 'churn', 'a'))?.modelId, v1.id);
      assert.equal(await scores.countForModel(v1.id), 1);
      assert.equal(await scores.latest(conn, 'churn', 'b'), null);

      await assert.rejects(scores.saveMany(v1.id, conn, 'churn', [score(NaN, TRAINED_AT)]), {
        code: 'store_invalid_score',
      });
    });
  });
}
