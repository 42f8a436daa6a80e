import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { ColumnGroups } from '../../../../core/ml/column-groups.js';
import type { Matrix } from '../../../../core/ml/matrix.js';
import { LevelForest, MAX_LEVEL_DEPTH } from '../../../../core/ml/models/level-forest.js';
import { PackedForest } from '../../../../core/ml/models/packed-forest.js';
import type { FlatTree } from '../../../../core/ml/models/regression-tree.js';
import { SeededRandom } from '../../../../core/ml/random.js';

const COLS = 6;

// Thresholds from a short list, as binned training gives, so values often sit exactly on one.
const CUTS = [-1, -0.25, 0, 0.5, 2];

/** A random tree of at most `depth` levels: splits stop early at random, as `growTree`'s do. */
function randomTree(rng: SeededRandom, depth: number): FlatTree {
  const tree: FlatTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (level: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(rng.next() - 0.5);
    if (level === depth || rng.next() < 0.2) return id;

    tree.feature[id] = Math.floor(rng.next() * COLS);
    tree.threshold[id] = CUTS[Math.floor(rng.next() * CUTS.length)] ?? 0;
    tree.left[id] = grow(level + 1);
    tree.right[id] = grow(level + 1);
    return id;
  };
  grow(0);
  return tree;
}

function randomMatrix(rng: SeededRandom, rows: number): Matrix {
  const data = new Float64Array(rows * COLS);
  for (let i = 0; i < data.length; i++) {
    // Half the values exactly on a threshold: `<=` must send them left, as PackedForest does.
    data[i] =
      rng.next() < 0.5 ? (CUTS[Math.floor(rng.next() * CUTS.length)] ?? 0) : rng.next() * 5 - 2;
  }
  return { rows, cols: COLS, data };
}

// Columns 0–1 → property 0, 2 → 1, 3–4 → 2, column 5 credited to none.
const GROUPS: ColumnGroups = { owner: Int32Array.of(0, 0, 1, 2, 2, -1), width: 3 };

function bothWalks(trees: FlatTree[], x: Matrix) {
  const level = LevelForest.of(trees);
  assert.ok(level !== null);
  const packed = PackedForest.of(trees);
  const walk = (forest: LevelForest | PackedForest) => {
    const logits = new Float64Array(x.rows).fill(0.25);
    const credits = new Float64Array(x.rows * GROUPS.width);
    forest.addLogitsAndCredits(x, logits, credits, GROUPS);
    const predicted = new Float64Array(x.rows).fill(0.25);
    forest.addLeafValues(x, predicted);
    return { logits, credits, predicted };
  };
  return { level: walk(level), packed: walk(packed) };
}

describe('LevelForest', () => {
  for (const depth of [0, 1, 3, 5]) {
    it(`equals PackedForest bit for bit on random trees of depth up to ${depth}`, () => {
      const rng = new SeededRandom(depth + 7);
      const trees = Array.from({ length: 40 }, () => randomTree(rng, depth));
      // 150 rows: two full blocks of 64 and a short one.
      const { level, packed } = bothWalks(trees, randomMatrix(rng, 150));

      assert.deepEqual(level.logits, packed.logits);
      assert.deepEqual(level.credits, packed.credits);
      assert.deepEqual(level.predicted, packed.predicted);
    });
  }

  it('declines forests deeper than it pads', () => {
    const rng = new SeededRandom(3);
    let deep = randomTree(rng, MAX_LEVEL_DEPTH + 1);
    while (LevelForest.of([deep]) !== null) deep = randomTree(rng, MAX_LEVEL_DEPTH + 1);
    assert.equal(LevelForest.of([deep]), null);
  });
});
