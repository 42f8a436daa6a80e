import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SeededRandom } from '../../../core/ml/random.js';
import type { IndexedVector } from '../../../core/text/idf-table.js';
import {
  classScores,
  fitSoftmaxRegression,
  softmaxInPlace,
} from '../../../plugins/tickets/softmax-regression.js';

/** Four classes, each owning two of eight features, plus a noise feature every row has. */
function separableRows(perClass: number, seed: number) {
  const rng = new SeededRandom(seed);
  const rows: IndexedVector[] = [];
  const labels: number[] = [];
  for (let k = 0; k < 4; k++) {
    for (let i = 0; i < perClass; i++) {
      const own = 2 * k + rng.nextInt(2);
      const values = [0.6 + 0.4 * rng.next(), 0.3 * rng.next()];
      const norm = Math.hypot(...values);
      rows.push({
        indices: Int32Array.from([own, 8]),
        values: Float64Array.from(values, (value) => value / norm),
      });
      labels.push(k);
    }
  }
  return { rows, labels: Int32Array.from(labels) };
}

function predict(row: IndexedVector, theta: Float64Array): number {
  const p = softmaxInPlace(classScores(row, theta, 4, 9 * 4, new Float64Array(4)));
  return p.indexOf(Math.max(...p));
}

describe('softmax regression', () => {
  it('separates four classes and gives probabilities that sum to one', () => {
    const { rows, labels } = separableRows(30, 1);
    const fit = fitSoftmaxRegression(rows, labels, { dimension: 9, classes: 4, l2: 1e-4 });
    const correct = rows.filter((row, i) => predict(row, fit.theta) === labels[i]).length;
    assert.equal(correct, rows.length);

    const p = softmaxInPlace(classScores(rows[0]!, fit.theta, 4, 36, new Float64Array(4)));
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    assert.ok((p[0] ?? 0) > 0.5, `P(own class) ${p[0]}`);
  });

  it('is deterministic and shrinks weights as the penalty grows', () => {
    const { rows, labels } = separableRows(20, 2);
    const light = fitSoftmaxRegression(rows, labels, { dimension: 9, classes: 4, l2: 1e-4 });
    const again = fitSoftmaxRegression(rows, labels, { dimension: 9, classes: 4, l2: 1e-4 });
    assert.deepEqual(again.theta, light.theta);

    const heavy = fitSoftmaxRegression(rows, labels, { dimension: 9, classes: 4, l2: 1e-1 });
    const norm = (theta: Float64Array) => Math.hypot(...theta.subarray(0, 36));
    assert.ok(norm(heavy.theta) < norm(light.theta) / 2);
  });

  it('lets sample weights move the decision towards the heavier class', () => {
    // One ambiguous feature shared by classes 0 and 1: the weights decide who wins it.
    const rows: IndexedVector[] = [0, 1, 0, 1].map(() => ({
      indices: Int32Array.from([0]),
      values: Float64Array.from([1]),
    }));
    const labels = Int32Array.from([0, 1, 0, 1]);
    const options = { dimension: 1, classes: 2, l2: 1e-3 };
    const favourOne = Float64Array.from([1, 3, 1, 3]);
    const fit = fitSoftmaxRegression(rows, labels, { ...options, sampleWeights: favourOne });
    const p = softmaxInPlace(classScores(rows[0]!, fit.theta, 2, 2, new Float64Array(2)));
    assert.ok(Math.abs((p[1] ?? 0) - 0.75) < 0.01, `P(class 1) ${p[1]}`);
  });
});
