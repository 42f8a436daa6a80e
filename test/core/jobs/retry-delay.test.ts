import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { retryDelay } from '../../../core/jobs/retry-delay.js';

describe('retryDelay', () => {
  test('doubles with every retry', () => {
    const middle = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, 1_000, middle)),
      [1_000, 2_000, 4_000, 8_000, 16_000],
    );
  });

  test('jitter stays within half to one and a half times the doubled delay', () => {
    assert.equal(
      retryDelay(3, 1_000, () => 0),
      2_000,
    );
    assert.equal(
      retryDelay(3, 1_000, () => 0.999_999),
      6_000,
    );

    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i += 1) {
      const delay = retryDelay(2, 200, Math.random);
      assert.ok(delay >= 200 && delay <= 600, `${delay} within [200, 600]`);
      seen.add(delay);
    }
    assert.ok(seen.size > 100, 'workers that failed together spread their retries');
  });
});
