import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { chooseFamily, summariseFolds } from '../../../core/ml/choose-family.js';

describe('chooseFamily (paired one-standard-error rule)', () => {
  it('keeps the simpler family when the better mean is within the fold noise', () => {
    // gbdt wins three folds and loses two: a mean gain of 0.004 against a paired SE of 0.006.
    const choice = chooseFamily({
      logistic: [0.84, 0.85, 0.83, 0.86, 0.84],
      gbdt: [0.85, 0.86, 0.82, 0.87, 0.83].map((v, i) => v + (i < 2 ? 0.005 : 0)),
    });
    assert.equal(choice, 'logistic');
  });

  it('takes the more complex family when it wins by more than the paired noise', () => {
    // The ensemble beats logistic by 0.004 on every fold: tiny, but beyond doubt.
    const logistic = [0.84, 0.85, 0.83, 0.86, 0.84];
    const choice = chooseFamily({ logistic, ensemble: logistic.map((v) => v + 0.004) });
    assert.equal(choice, 'ensemble');
  });

  it('returns the only family tried and counts NaN folds as chance', () => {
    assert.equal(chooseFamily({ network: [0.7, 0.72] }), 'network');
    assert.equal(chooseFamily({ logistic: [Number.NaN, 0.6], gbdt: [0.8, 0.8] }), 'gbdt');
  });

  it('summarises each family as mean ± sample standard deviation', () => {
    const summary = summariseFolds({ logistic: [0.8, 0.82, 0.84] });
    assert.ok(Math.abs((summary.logistic?.mean ?? 0) - 0.82) < 1e-12);
    assert.ok(Math.abs((summary.logistic?.std ?? 0) - 0.02) < 1e-12);
    assert.equal(summary.gbdt, undefined);
  });
});
