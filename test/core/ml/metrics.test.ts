import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { calibrationTable, rocCurve } from '../../../core/ml/curves.js';
import {
  accuracyAtHalf,
  averagePrecision,
  brierScore,
  liftTopDecile,
  logLoss,
  rocAuc,
} from '../../../core/ml/metrics.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), 1);
    assert.equal(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]), 0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs (pos, neg): (0.5 vs 0.5) = ½, (0.5 vs 0.1) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1.
    close(rocAuc([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9]), 3.5 / 4);
    close(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 0.5);
  });

  it('is NaN with one class only', () => {
    assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.4])));
  });
});

describe('averagePrecision', () => {
  it('matches a hand computation', () => {
    // Ranked: 0.9(+) 0.8(−) 0.7(+) 0.1(−): AP = ½·1 + ½·(2/3).
    close(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]), 0.5 + 1 / 3);
  });

  it('treats tied scores as one threshold', () => {
    // All tied: one step to recall 1 at precision ½.
    close(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]), 0.5);
  });
});

describe('probability scores', () => {
  it('computes Brier, clipped log loss and accuracy at 0.5', () => {
    close(brierScore([1, 0], [0.8, 0.4]), (0.04 + 0.16) / 2);
    close(logLoss([1, 0], [0.8, 0.4]), -(Math.log(0.8) + Math.log(0.6)) / 2);
    assert.ok(Number.isFinite(logLoss([1, 0], [0, 1])));
    close(logLoss([1], [0]), -Math.log(1e-15), 1e-9);
    assert.equal(accuracyAtHalf([1, 0, 1, 0], [0.5, 0.49, 0.2, 0.9]), 0.5);
  });

  it('computes the lift of the top decile', () => {
    // 20 rows, 4 positives (rate 0.2); the top 2 rows hold 1 positive (rate 0.5) → lift 2.5.
    const labels = Array.from({ length: 20 }, (_, i) => (i === 1 || i >= 17 ? 1 : 0));
    const scores = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    close(liftTopDecile(labels, scores), 2.5);
  });
});

describe('curves', () => {
  it('draws a ROC curve from (0,0) to (1,1) through every distinct score', () => {
    const points = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    assert.deepEqual(
      points.map((p) => [p.fpr, p.tpr]),
      [
        [0, 0],
        [0, 0.5],
        [0.5, 0.5],
        [0.5, 1],
        [1, 1],
      ],
    );
  });

  it('thins long curves but keeps both ends', () => {
    const labels = Array.from({ length: 500 }, (_, i) => i % 2);
    const scores = Array.from({ length: 500 }, (_, i) => i / 500);
    const points = rocCurve(labels, scores, 21);
    assert.equal(points.length, 21);
    assert.deepEqual([points[0]?.fpr, points.at(-1)?.fpr, points.at(-1)?.tpr], [0, 1, 1]);
  });

  it('bins predictions into a reliability table', () => {
    const table = calibrationTable([0, 1, 1, 0], [0.05, 0.15, 0.95, 0.99], 10);
    assert.deepEqual(
      table.map((b) => [b.lower, b.count]),
      [
        [0, 1],
        [0.1, 1],
        [0.9, 2],
      ],
    );
    close(table[2]?.observed_rate ?? -1, 0.5);
    close(table[2]?.mean_predicted ?? -1, 0.97);
  });
});
