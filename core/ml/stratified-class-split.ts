import { CrmMlError } from '../errors/crm-ml-error.js';
import { hashKey } from './hash-key.js';
import type { SplitIndices } from './split.js';

/**
 * Splits rows of any number of classes into train and test keeping each class's share: the
 * `testFraction` of each class (rounded) with the lowest seeded hashes of their `keys` goes
 * to test, so the same rows in another order land on the same side. Indices come back sorted.
 */
export function stratifiedClassSplit(
  classes: ArrayLike<number>,
  testFraction: number,
  seed: number,
  keys: readonly string[],
): SplitIndices {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new CrmMlError(
      'ml_split_fraction_invalid',
      `testFraction must be in (0, 1), got ${testFraction}`,
    );
  }
  if (keys.length !== classes.length) {
    throw new CrmMlError(
      'ml_split_keys_mismatch',
      `Split got ${keys.length} row keys for ${classes.length} labels`,
    );
  }

  const hashes = Float64Array.from(keys, (key) => hashKey(key, seed));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < classes.length; i++) {
    const label = classes[i] ?? 0;
    const group = groups.get(label) ?? [];
    group.push(i);
    groups.set(label, group);
  }

  const train: number[] = [];
  const test: number[] = [];
  const byHash = (a: number, b: number): number => {
    const [ka, kb] = [keys[a] ?? '', keys[b] ?? ''];
    return (hashes[a] ?? 0) - (hashes[b] ?? 0) || (ka < kb ? -1 : ka > kb ? 1 : a - b);
  };
  for (const group of groups.values()) {
    const testCount = Math.round(group.length * testFraction);
    group.sort(byHash).forEach((row, position) => (position < testCount ? test : train).push(row));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
