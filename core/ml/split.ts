import { CrmMlError } from '../errors/crm-ml-error.js';
import { hashKey } from './hash-key.js';

/** Row indices of one train/test partition. */
export interface SplitIndices {
  train: number[];
  test: number[];
}

/**
 * Each class's row indices ordered by the seeded hash of the row's key (ties by key, then
 * index). A row's place depends on its key and the seed only, so the same rows in another
 * order land on the same side. Without keys, the row index is the key.
 */
function hashedClasses(
  labels: ArrayLike<number>,
  seed: number,
  keys?: readonly string[],
): [number[], number[]] {
  if (keys && keys.length !== labels.length) {
    throw new CrmMlError(
      'ml_split_keys_mismatch',
      `Split got ${keys.length} row keys for ${labels.length} labels`,
    );
  }
  const keyOf = (i: number): string => keys?.[i] ?? String(i);
  const hashes = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) hashes[i] = hashKey(keyOf(i), seed);
  const byHash = (a: number, b: number): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return (hashes[a] ?? 0) - (hashes[b] ?? 0) || (ka < kb ? -1 : ka > kb ? 1 : a - b);
  };

  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);
  return [negatives.sort(byHash), positives.sort(byHash)];
}

/**
 * Splits rows into train and test keeping the share of each class: the `testFraction` of
 * each class (rounded) with the lowest seeded key hashes goes to test. Pass `keys` (record
 * ids) to make the split independent of row order. Indices come back sorted.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
  keys?: readonly string[],
): SplitIndices {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new CrmMlError(
      'ml_split_fraction_invalid',
      `testFraction must be in (0, 1), got ${testFraction}`,
    );
  }
  const train: number[] = [];
  const test: number[] = [];

  // Loops, not push(...group): spreading a class of a few hundred thousand rows overflows the
  // call stack.
  for (const group of hashedClasses(labels, seed, keys)) {
    const testCount = Math.round(group.length * testFraction);
    group.forEach((row, position) => (position < testCount ? test : train).push(row));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * Stratified k-fold: each fold's `test` is one k-th of every class, `train` the rest. Rows
 * are dealt round-robin in seeded key-hash order, so folds differ by at most one row per
 * class and, with `keys`, do not depend on row order.
 */
export function stratifiedKFold(
  labels: ArrayLike<number>,
  k: number,
  seed: number,
  keys?: readonly string[],
): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) {
    throw new CrmMlError('ml_kfold_invalid', `k must be an integer ≥ 2, got ${k}`);
  }
  const foldOf = new Int32Array(labels.length);
  for (const group of hashedClasses(labels, seed, keys)) {
    group.forEach((row, position) => {
      foldOf[row] = position % k;
    });
  }

  const folds: SplitIndices[] = [];
  for (let fold = 0; fold < k; fold++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < labels.length; i++) (foldOf[i] === fold ? test : train).push(i);
    folds.push({ train, test });
  }
  return folds;
}
