import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { initTensorflow, type Tf } from '../../../core/ml/backend.js';
import { zeroMatrix, type Matrix } from '../../../core/ml/matrix.js';
import { rocAuc } from '../../../core/ml/metrics.js';
import type { ModelFamily, SavedBinaryModel } from '../../../core/ml/models/binary-model.js';
import { fitBinaryModel } from '../../../core/ml/models/fit-binary-model.js';
import { loadBinaryModel } from '../../../core/ml/models/load-binary-model.js';
import { SeededRandom } from '../../../core/ml/random.js';

/** y depends on x0 linearly, on x1 through an interaction with x2, and not on x3. */
function syntheticProblem(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const rng = new SeededRandom(seed);
  const x = zeroMatrix(rows, 4);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = [rng.nextNormal(), rng.nextNormal(), rng.next() < 0.5 ? 1 : 0, rng.nextNormal()];
    x.data.set(v, r * 4);
    const [a = 0, b = 0, c = 0] = v;
    const logit = 1.5 * a + (c === 1 ? 1.2 * b : -0.4 * b) - 0.5;
    y[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x, y };
}

const train = syntheticProblem(1200, 1);
const test = syntheticProblem(600, 2);
// Rows the models have not seen, with the same pattern, for updates.
const fresh = syntheticProblem(800, 3);
const families: ModelFamily[] = ['logistic', 'gbdt', 'network', 'ensemble'];

describe('binary models', () => {
  let tf: Tf;
  before(async () => {
    ({ tf } = await initTensorflow());
  });

  for (const family of families) {
    it(`${family} beats chance clearly and reloads with identical predictions`, async () => {
      const model = await fitBinaryModel(family, train.x, train.y, { seed: 5 });
      const logits = model.predictLogits(test.x);
      assert.ok(rocAuc(test.y, logits) > 0.75, `${family} AUC ${rocAuc(test.y, logits)}`);
      assert.ok(logits.every(Number.isFinite));

      const saved = JSON.parse(JSON.stringify(model.toJSON())) as SavedBinaryModel;
      const loaded = await loadBinaryModel(saved);
      assert.deepEqual(loaded.predictLogits(test.x), logits);
    });

    it(`${family} is deterministic for a seed`, async () => {
      const a = await fitBinaryModel(family, train.x, train.y, { seed: 11 });
      const b = await fitBinaryModel(family, train.x, train.y, { seed: 11 });
      assert.deepEqual(a.predictLogits(test.x), b.predictLogits(test.x));
    });
  }

  for (const family of families) {
    it(`${family} updates on new rows: changed, repeatable, no collapse, reloadable`, async () => {
      const model = await fitBinaryModel(family, train.x, train.y, { seed: 5 });
      const before = rocAuc(test.y, model.predictLogits(test.x));

      const updated = await model.update(fresh.x, fresh.y, { seed: 9 });
      const again = await model.update(fresh.x, fresh.y, { seed: 9 });
      const logits = updated.predictLogits(test.x);
      assert.equal(updated.family, family);
      assert.notDeepEqual(logits, model.predictLogits(test.x));
      assert.deepEqual(again.predictLogits(test.x), logits);
      assert.ok(rocAuc(test.y, logits) > before - 0.02, `${family} AUC after update`);

      const saved = JSON.parse(JSON.stringify(updated.toJSON())) as SavedBinaryModel;
      assert.deepEqual((await loadBinaryModel(saved)).predictLogits(test.x), logits);
    });
  }

  it('logistic update on rows like the old ones lands near a refit on both', async () => {
    const model = await fitBinaryModel('logistic', train.x, train.y, { seed: 1 });
    const updated = await model.update(fresh.x, fresh.y, { seed: 1 });
    const both = {
      x: { rows: 2000, cols: 4, data: Float64Array.of(...train.x.data, ...fresh.x.data) },
      y: Float64Array.of(...train.y, ...fresh.y),
    };
    const refit = await fitBinaryModel('logistic', both.x, both.y, { seed: 1 });
    const gap = (a: Float64Array, b: Float64Array) =>
      Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
    const moved = gap(updated.predictLogits(test.x), model.predictLogits(test.x));
    const off = gap(updated.predictLogits(test.x), refit.predictLogits(test.x));
    assert.ok(off < moved / 2, `update is ${off} from a refit, moved ${moved}`);
  });

  it('ensemble averages the logits of its members', async () => {
    const ensemble = await fitBinaryModel('ensemble', train.x, train.y, { seed: 4 });
    const logistic = await fitBinaryModel('logistic', train.x, train.y, { seed: 4 });
    const gbdt = await fitBinaryModel('gbdt', train.x, train.y, { seed: 4 });
    const [e, l, g] = [ensemble, logistic, gbdt].map((m) => m.predictLogits(test.x));
    e?.forEach((v, i) => assert.ok(Math.abs(v - ((l?.[i] ?? 0) + (g?.[i] ?? 0)) / 2) < 1e-12));
  });

  it('leaves no tensors behind after training and predicting a network', async () => {
    const start = tf.memory().numTensors;
    const model = await fitBinaryModel('network', train.x, train.y, { seed: 3 });
    model.predictLogits(test.x);
    assert.equal(tf.memory().numTensors, start);
  });

  it('runs TensorFlow.js on tfjs-node or wasm, never the cpu backend', async () => {
    const runtime = await initTensorflow();
    assert.ok(['tensorflow', 'wasm'].includes(runtime.backend));
    assert.equal(runtime.tf.getBackend(), runtime.backend);
    assert.equal(await initTensorflow(), runtime);
  });
});
