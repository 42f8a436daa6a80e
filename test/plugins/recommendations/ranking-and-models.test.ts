import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readOrderRows } from '../../../core/ml/order-lines.js';
import { parseTimestamp } from '../../../core/ml/parse-timestamp.js';
import { hitAtK, ndcgAtK, recallAtK } from '../../../core/ml/ranking-metrics.js';
import { invertSpd } from '../../../core/ml/spd-inverse.js';
import { fitEase } from '../../../plugins/recommendations/ease.js';
import { fitItemCf } from '../../../plugins/recommendations/item-cf.js';
import { purchasesOnly } from '../../../plugins/recommendations/purchase-histories.js';

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

describe('ranking metrics', () => {
  const relevant = new Set(['a', 'b']);
  const ranked = ['x', 'a', 'y', 'b'];

  it('match a hand computation', () => {
    // Hits at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
    close(
      ndcgAtK(ranked, relevant, 10),
      (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)),
    );
    assert.equal(hitAtK(ranked, relevant, 10), 1);
    assert.equal(hitAtK(ranked, relevant, 1), 0);
    assert.equal(recallAtK(ranked, relevant, 2), 0.5);
    assert.equal(recallAtK(ranked, relevant, 10), 1);
  });

  it('is 1 for a perfect list and NaN without relevant items', () => {
    assert.equal(ndcgAtK(['b', 'a'], relevant, 10), 1);
    assert.ok(Number.isNaN(ndcgAtK(ranked, new Set(), 10)));
  });
});

describe('invertSpd', () => {
  it('inverts a known 2 × 2 matrix', () => {
    // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8
    const inverse = invertSpd(Float64Array.from([4, 2, 2, 3]), 2);
    [3 / 8, -2 / 8, -2 / 8, 4 / 8].forEach((v, i) => close(inverse[i] ?? NaN, v));
  });

  it('rejects a matrix that is not positive definite', () => {
    assert.throws(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2), {
      code: 'ml_matrix_not_positive_definite',
    });
  });
});

describe('item neighbour models on a tiny known example', () => {
  // Items 0 and 1 are always bought together, as are 2 and 3; the pairs never mix.
  const lists = [
    [0, 1],
    [0, 1],
    [0, 1],
    [2, 3],
    [2, 3],
  ].map((l) => Int32Array.from(l));

  it('item-CF links each item to its partner with cosine 1', () => {
    const model = fitItemCf(lists, 4, 10);
    assert.deepEqual(model.ids, [[1], [0], [3], [2]]);
    assert.deepEqual(model.weights, [[1], [1], [1], [1]]);
  });

  it('EASE gives each item a positive weight to its partner only', () => {
    const model = fitEase(lists, 4, 1, 10);
    assert.deepEqual(model.ids, [[1], [0], [3], [2]]);
    // Closed form for a pair bought by c customers: c / (c + λ) = 3/4 and 2/3.
    close(model.weights[0]?.[0] ?? NaN, 0.75, 1e-5);
    close(model.weights[2]?.[0] ?? NaN, 2 / 3, 1e-5);
  });

  it('EASE through the customer side equals EASE through the item side', () => {
    const wide = [
      [0, 1, 4],
      [1, 2, 5],
      [0, 3, 5],
      [2, 3, 4, 5],
    ].map((l) => Int32Array.from(l));
    const byCustomers = fitEase(wide, 6, 2, 5);
    // Customers without purchases change nothing in XᵀX but make customers outnumber items.
    const byItems = fitEase(
      [...wide, ...Array.from({ length: 4 }, () => new Int32Array())],
      6,
      2,
      5,
    );
    assert.deepEqual(byCustomers.ids, byItems.ids);
    byCustomers.weights.forEach((row, i) =>
      row.forEach((w, j) => close(w, byItems.weights[i]?.[j] ?? NaN, 1e-4)),
    );
  });
});

describe('order lines', () => {
  it('marks returns by negative quantity or a C invoice, and drops them from purchases', () => {
    const rows = [
      { c: '1', t: '2011-01-01 10:00:00', i: 'A', q: '2', inv: '500' },
      { c: '1', t: '2011-01-02 10:00:00', i: 'A', q: '-2', inv: 'C501' },
      { c: '1', t: '2011-01-02 10:00:00', i: 'B', q: '1', inv: 'C502' },
    ];
    const read = readOrderRows(rows, {
      customer: 'c',
      time: 't',
      item: 'i',
      quantity: 'q',
      invoice: 'inv',
    });
    assert.deepEqual(
      read.lines.map((l) => l.returned),
      [false, true, true],
    );
    assert.deepEqual(
      purchasesOnly(read.lines).map((l) => l.item),
      ['A'],
    );
  });

  it('reads the date formats of order exports as UTC', () => {
    const expected = Date.UTC(2010, 11, 1, 8, 26);
    assert.equal(parseTimestamp('2010-12-01 08:26:00'), expected);
    assert.equal(parseTimestamp('12/1/2010 8:26'), expected);
    assert.equal(parseTimestamp('2010-12-01T08:26:00Z'), expected);
    assert.equal(parseTimestamp(String(expected)), expected);
    assert.equal(parseTimestamp('19970101'), Date.UTC(1997, 0, 1));
    assert.equal(parseTimestamp('25/12/2010'), Date.UTC(2010, 11, 25));
    assert.equal(parseTimestamp('2011-02-31'), null);
    assert.equal(parseTimestamp('soon'), null);
  });
});
