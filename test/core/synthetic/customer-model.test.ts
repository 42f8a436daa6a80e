import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../../core/csv/index.js';
import { fitCustomerModel } from '../../../core/synthetic/fit-customer-model.js';
import { kolmogorovSmirnov, totalVariation } from '../../../core/synthetic/marginal-distance.js';
import { sampleCustomers, type SyntheticRow } from '../../../core/synthetic/sample-customers.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/synthetic/customers.csv', import.meta.url));
const { columns, rows } = await readCsv(FIXTURE);

const model = fitCustomerModel(columns, rows, { seed: 1 });

function generate(count: number, seed: number): SyntheticRow[] {
  return [...sampleCustomers(model, count, { seed, chunkSize: 500 })].flat();
}

function numbers(table: readonly Record<string, string>[], column: string): number[] {
  return table
    .map((row) => row[column] ?? '')
    .filter((v) => v !== '')
    .map(Number);
}

function pearson(table: readonly Record<string, string>[], a: string, b: string): number {
  const pairs = table
    .filter((row) => row[a] !== '' && row[b] !== '')
    .map((row) => [Number(row[a]), Number(row[b])] as const);
  const mean = (i: 0 | 1): number => pairs.reduce((s, p) => s + p[i], 0) / pairs.length;
  const [ma, mb] = [mean(0), mean(1)];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const [x, y] of pairs) {
    sab += (x - ma) * (y - mb);
    saa += (x - ma) ** 2;
    sbb += (y - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const sorted = (values: number[]): Float64Array => Float64Array.from(values).sort();

describe('synthetic customers from a fixture table', () => {
  const synthetic = generate(4000, 7);

  it('keeps each marginal: KS ≤ 0.06 for numbers, TV ≤ 0.04 for categories', () => {
    for (const column of ['tenure', 'monthly_charges', 'total_charges']) {
      const ks = kolmogorovSmirnov(
        sorted(numbers(rows, column)),
        sorted(numbers(synthetic, column)),
      );
      assert.ok(ks <= 0.06, `${column} KS ${ks}`);
    }
    for (const column of ['plan', 'has_internet', 'streaming', 'churned']) {
      const tv = totalVariation(
        rows.map((row) => row[column] ?? ''),
        synthetic.map((row) => row[column] ?? ''),
      );
      assert.ok(tv <= 0.04, `${column} TV ${tv}`);
    }
    const blank = (table: readonly Record<string, string>[]): number =>
      table.filter((row) => row['total_charges'] === '').length / table.length;
    assert.ok(Math.abs(blank(rows) - blank(synthetic)) <= 0.02, 'share of blank totals');
  });

  it('keeps a strong correlation (tenure × total charges) within 0.08', () => {
    const real = pearson(rows, 'tenure', 'total_charges');
    const fake = pearson(synthetic, 'tenure', 'total_charges');
    assert.ok(real > 0.7, `fixture correlation ${real}`);
    assert.ok(Math.abs(real - fake) <= 0.08, `real ${real}, synthetic ${fake}`);
  });

  it('keeps a value that follows from another column as a rule, in every row', () => {
    for (const row of synthetic) {
      assert.equal(row['streaming'] === 'No internet service', row['has_internet'] === 'No');
    }
  });

  it('writes whole numbers, two decimals and dates inside the real range as in the source', () => {
    const dates = rows.map((row) => row['signup_date'] ?? '').sort();
    for (const row of synthetic.slice(0, 500)) {
      assert.match(row['tenure'] ?? '', /^\d+$/);
      assert.match(row['monthly_charges'] ?? '', /^\d+\.\d{2}$/);
      const date = row['signup_date'] ?? '';
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(date >= (dates[0] ?? '') && date <= (dates.at(-1) ?? ''), date);
    }
  });

  it('gives fake ids and emails only, none of them real', () => {
    const realIds = new Set(rows.map((row) => row['id']));
    const realEmails = new Set(rows.map((row) => row['email']));
    synthetic.forEach((row, index) => {
      const number = String(index + 1).padStart(7, '0');
      assert.equal(row['id'], `customer-${number}`);
      assert.equal(row['email'], `customer-${number}@example.com`);
      assert.ok(!realIds.has(row['id']) && !realEmails.has(row['email']));
    });
  });

  it('gives the same rows for the same seed and other rows for another', () => {
    assert.deepEqual(generate(300, 11), generate(300, 11));
    assert.notDeepEqual(generate(300, 11), generate(300, 12));
  });

  it('learns the same model from the same seed', () => {
    assert.deepEqual(fitCustomerModel(columns, rows, { seed: 1 }), model);
  });

  it('keeps a column with no values blank and says so with synth_column_empty', () => {
    assert.deepEqual(
      model.warnings.map((w) => [w.code, w.path]),
      [['synth_column_empty', 'notes_field']],
    );
    assert.ok(synthetic.every((row) => row['notes_field'] === ''));
  });
});
