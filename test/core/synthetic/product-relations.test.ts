import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SeededRandom } from '../../../core/ml/random.js';
import { fitCustomerModel } from '../../../core/synthetic/fit-customer-model.js';
import { relationFit } from '../../../core/synthetic/product-relations.js';
import { sampleCustomers } from '../../../core/synthetic/sample-customers.js';

// A billing table: total ≈ months × monthly (±5 %), blank for new customers; `score` unrelated.
function billingTable(count: number): Record<string, string>[] {
  const random = new SeededRandom(3);
  return Array.from({ length: count }, (_, i) => {
    const months = Math.floor(random.next() * 72);
    const monthly = 20 + random.next() * 100;
    const total = months === 0 ? '' : (months * monthly * (0.95 + random.next() * 0.1)).toFixed(2);
    const score = (random.next() * 1000).toFixed(1);
    return { id: `c${i}`, months: String(months), monthly: monthly.toFixed(2), total, score };
  });
}

const columns = ['id', 'months', 'monthly', 'total', 'score'];

describe('product relations in synthetic customers', () => {
  it('finds total ≈ months × monthly, and nothing for an unrelated column', () => {
    const model = fitCustomerModel(columns, billingTable(2_000), { seed: 1 });

    assert.deepEqual(
      model.products.map((relation) => [relation.column, [...relation.factors].sort()]),
      [['total', ['monthly', 'months']]],
    );
  });

  it('writes rows whose total fits its months and monthly charge as the real rows do', () => {
    const real = billingTable(2_000);
    const model = fitCustomerModel(columns, real, { seed: 1 });
    const [relation] = model.products;
    assert.ok(relation !== undefined);

    const synthetic = [...sampleCustomers(model, 3_000, { seed: 9, chunkSize: 1_000 })].flat();

    assert.equal(relationFit(relation, real).share_in_band, 1);
    assert.ok(relationFit(relation, synthetic).share_in_band > 0.99);
    // New customers (no months) have no total, as in the real table.
    const newcomers = synthetic.filter((row) => row['months'] === '0');
    assert.ok(newcomers.length > 0);
    assert.ok(newcomers.every((row) => row['total'] === ''));
  });

  it('keeps no relation when totals stray from the product in many rows', () => {
    const noisy = billingTable(2_000).map((row, i) =>
      i % 4 === 0 && row['total'] !== ''
        ? { ...row, total: String(Number(row['total']) * 3) }
        : row,
    );
    assert.deepEqual(fitCustomerModel(columns, noisy, { seed: 1 }).products, []);
  });
});
