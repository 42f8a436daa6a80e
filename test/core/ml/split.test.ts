import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SeededRandom } from '../../../core/ml/random.js';
import { stratifiedKFold, stratifiedSplit } from '../../../core/ml/split.js';

const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));

describe('SeededRandom', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const first = new SeededRandom(7);
    const second = new SeededRandom(7);
    const other = new SeededRandom(8);
    const draw = (rng: SeededRandom) => Array.from({ length: 5 }, () => rng.next());
    assert.deepEqual(draw(first), draw(second));
    assert.notDeepEqual(draw(new SeededRandom(7)), draw(other));
    assert.ok(draw(new SeededRandom(1)).every((v) => v >= 0 && v < 1));
  });
});

describe('stratifiedSplit', () => {
  it('keeps the class share in both parts and covers every row once', () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 1);
    assert.equal(test.length, 20);
    assert.equal(test.filter((i) => labels[i] === 1).length, 5);
    assert.deepEqual(
      [...train, ...test].sort((a, b) => a - b),
      labels.map((_, i) => i),
    );
  });

  it('is repeatable for a seed', () => {
    assert.deepEqual(stratifiedSplit(labels, 0.2, 3), stratifiedSplit(labels, 0.2, 3));
    assert.notDeepEqual(stratifiedSplit(labels, 0.2, 3).test, stratifiedSplit(labels, 0.2, 4).test);
  });
});

describe('stratifiedKFold', () => {
  it('puts every row in exactly one test fold with balanced classes', () => {
    const folds = stratifiedKFold(labels, 5, 9);
    const tested = folds.flatMap((fold) => fold.test).sort((a, b) => a - b);
    assert.deepEqual(
      tested,
      labels.map((_, i) => i),
    );
    for (const fold of folds) {
      assert.equal(fold.test.filter((i) => labels[i] === 1).length, 5);
      assert.equal(fold.train.length + fold.test.length, 100);
    }
  });
});

describe('splits keyed by row', () => {
  const keys = labels.map((_, i) => `customer-${i}`);
  // The same rows in reverse order: row i here is row (99 − i) above.
  const reversedLabels = [...labels].reverse();
  const reversedKeys = [...keys].reverse();
  const keysAt = (source: readonly string[], indices: readonly number[]) =>
    indices.map((i) => source[i]).sort();

  it('sends each row to the same side whatever the row order', () => {
    const a = stratifiedSplit(labels, 0.2, 5, keys);
    const b = stratifiedSplit(reversedLabels, 0.2, 5, reversedKeys);
    assert.deepEqual(keysAt(keys, a.test), keysAt(reversedKeys, b.test));
    assert.equal(a.test.filter((i) => labels[i] === 1).length, 5);
  });

  it('deals the same folds whatever the row order', () => {
    const a = stratifiedKFold(labels, 5, 2, keys);
    const b = stratifiedKFold(reversedLabels, 5, 2, reversedKeys);
    assert.deepEqual(
      a.map((fold) => keysAt(keys, fold.test)),
      b.map((fold) => keysAt(reversedKeys, fold.test)),
    );
  });

  it('refuses keys that do not match the rows', () => {
    assert.throws(() => stratifiedSplit(labels, 0.2, 1, keys.slice(1)), /99 row keys/);
  });
});
