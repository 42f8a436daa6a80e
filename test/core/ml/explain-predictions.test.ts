import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explainPredictions } from '../../../core/ml/attribution.js';
import type { PropertyReference } from '../../../core/ml/feature-types.js';
import type { Matrix } from '../../../core/ml/matrix.js';
import { Ensemble } from '../../../core/ml/models/ensemble.js';
import {
  DEFAULT_GBDT_CONFIG,
  GradientBoosting,
} from '../../../core/ml/models/gradient-boosting.js';
import {
  DEFAULT_LOGISTIC_CONFIG,
  LogisticRegression,
} from '../../../core/ml/models/logistic-regression.js';
import type { FlatTree } from '../../../core/ml/models/regression-tree.js';

// Nodes in the depth-first order growTree produces: 0 root (x0 ≤ 0.5), 1 its left child
// (x1 ≤ 1.5) with leaves 2 and 3, 4 the root's right leaf.
const TREE: FlatTree = {
  feature: [0, 1, -1, -1, -1],
  threshold: [0.5, 1.5, 0, 0, 0],
  left: [1, 2, -1, -1, -1],
  right: [4, 3, -1, -1, -1],
  value: [0.1, -0.2, -0.5, 0.3, 0.4],
};

// Three properties of one column each; `c` has no reference values, so it explains nothing.
const REFERENCES: PropertyReference[] = [
  { source: 'a', columns: [0], slices: [{ weight: 1, values: [0.5] }] },
  { source: 'b', columns: [1], slices: [{ weight: 1, values: [1] }] },
  { source: 'c', columns: [2], slices: [] },
];

const X: Matrix = { rows: 3, cols: 3, data: Float64Array.of(0, 2, 9, 0, 1, 9, 1, 0, 9) };

function assertClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) => {
    assert.ok(Math.abs((actual[i] ?? NaN) - value) < 1e-12, `[${i}] ${actual[i]} ≠ ${value}`);
  });
}

describe('explainPredictions', () => {
  it('credits each split on a tree path with the change in node value it causes', () => {
    const model = new GradientBoosting(DEFAULT_GBDT_CONFIG, -1, [TREE]);
    const { logits, values, sources } = explainPredictions(model, X, REFERENCES);

    assert.deepEqual(sources, ['a', 'b', 'c']);
    // Row 0 goes 0 → 1 → 3, row 1 goes 0 → 1 → 2, row 2 goes 0 → 4.
    assertClose(values, [-0.3, 0.5, 0, -0.3, -0.3, 0, 0.3, 0, 0]);
    assertClose(logits, [-1 + 0.3, -1 - 0.5, -1 + 0.4]);
    assertClose(logits, Array.from(model.predictLogits(X)));
  });

  it('sums credits over trees, each row adding up to its log-odds minus the roots', () => {
    const model = new GradientBoosting(DEFAULT_GBDT_CONFIG, 0, [TREE, TREE]);
    const { logits, values } = explainPredictions(model, X, REFERENCES);

    assertClose(values, [-0.6, 1, 0, -0.6, -0.6, 0, 0.6, 0, 0]);
    for (let r = 0; r < X.rows; r++) {
      const credited = (values[r * 3] ?? 0) + (values[r * 3 + 1] ?? 0);
      assert.ok(Math.abs(credited - ((logits[r] ?? 0) - 2 * 0.1)) < 1e-12);
    }
  });

  it('gives a linear model weight × distance from the reference, with its logits', () => {
    const model = new LogisticRegression(DEFAULT_LOGISTIC_CONFIG, 0.5, Float64Array.of(2, -1, 3));
    const { logits, values } = explainPredictions(model, X, REFERENCES);

    assertClose(values, [-1, -1, 0, -1, 0, 0, 1, 1, 0]);
    assertClose(logits, Array.from(model.predictLogits(X)));
  });

  it('averages the members of an ensemble, logits and contributions alike', () => {
    const trees = new GradientBoosting(DEFAULT_GBDT_CONFIG, 0, [TREE]);
    const linear = new LogisticRegression(DEFAULT_LOGISTIC_CONFIG, 0, Float64Array.of(2, -1, 3));
    const { logits, values } = explainPredictions(new Ensemble([trees, linear]), X, REFERENCES);

    assertClose(values, [-0.65, -0.25, 0, -0.65, -0.15, 0, 0.65, 0.5, 0]);
    assertClose(logits, Array.from(new Ensemble([trees, linear]).predictLogits(X)));
  });
});
