import { CrmMlError } from '../errors/crm-ml-error.js';
import { SeededRandom } from './random.js';

/** Row indices of one train/test partition. */
export interface SplitIndices {
  train: number[];
  test: number[];
}

function indicesByClass(labels: ArrayLike<number>): [number[], number[]] {
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    (labels[i] === 1 ? positives : negatives).push(i);
  }
  return [negatives, positives];
}

/**
 * Splits rows into train and test keeping the share of each class, with `testFraction` of
 * each class (rounded) going to test. Indices come back sorted so order never depends on luck.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): SplitIndices {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new CrmMlError(
      'ml_split_fraction_invalid',
      `testFraction must be in (0, 1), got ${testFraction}`,
    );
  }
  const rng = new SeededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];

  for (const group of indicesByClass(labels)) {
    rng.shuffle(group);
    const testCount = Math.round(group.length * testFraction);
    test.push(...group.slice(0, testCount));
    train.push(...group.slice(testCount));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Stratified k-fold: each fold's `test` is one k-th of every class, `train` the rest. */
export function stratifiedKFold(
  labels: ArrayLike<number>,
  k: number,
  seed: number,
): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) {
    throw new CrmMlError('ml_kfold_invalid', `k must be an integer ≥ 2, got ${k}`);
  }
  const rng = new SeededRandom(seed);
  const foldOf = new Int32Array(labels.length);

  // Deal each class's shuffled rows round-robin so folds differ by at most one per class.
  for (const group of indicesByClass(labels)) {
    rng.shuffle(group).forEach((row, position) => {
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
