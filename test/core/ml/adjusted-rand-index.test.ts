import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { adjustedRandIndex } from '../../../core/ml/adjusted-rand-index.js';

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other labels', () => {
    assert.equal(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]), 1);
  });

  it('matches the textbook value for a partly agreeing pair', () => {
    // Two groups of three against three pairs: 2 agreeing pairs of 15, chance-corrected.
    assert.ok(Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.2424) < 1e-4);
  });

  it('is near 0 or below for unrelated partitions, and refuses different lengths', () => {
    assert.ok(adjustedRandIndex([0, 1, 0, 1, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 1, 1]) <= 0);
    assert.throws(() => adjustedRandIndex([0, 1], [0]), RangeError);
  });
});
