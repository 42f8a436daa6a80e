import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { FeaturePipeline } from '../../../core/ml/feature-pipeline.js';
import type { FeaturePipelineJson } from '../../../core/ml/feature-types.js';
import type { PropertyRow } from '../../../core/ml/values.js';

function rows(count: number): PropertyRow[] {
  return Array.from({ length: count }, (_, i) => ({
    account_ref: `A-${1000 + i}`,
    hs_object_id: String(i),
    crm_ml_churn_score: 50,
    plan: ['basic', 'pro', 'team'][i % 3] ?? 'basic',
    seats: i % 10 === 0 ? ' ' : String((i % 7) + 1),
    region: 'emea',
    revenue: i % 5 === 0 ? null : (i * 37) % 1000,
    leaked: i % 2,
  }));
}

const hasNaN = (data: Float64Array) => data.some((v) => !Number.isFinite(v));

describe('FeaturePipeline', () => {
  const training = rows(60);
  const pipeline = FeaturePipeline.fit(training, { exclude: ['leaked'] });

  it('drops ids, bookkeeping, crm-ml fields, constants and excluded names', () => {
    const reasons = Object.fromEntries(pipeline.dropped.map((d) => [d.name, d.reason]));
    assert.deepEqual(reasons, {
      account_ref: 'id_like',
      crm_ml_churn_score: 'bookkeeping',
      hs_object_id: 'bookkeeping',
      leaked: 'excluded',
      region: 'constant',
    });
    assert.deepEqual(
      pipeline.columns.map((c) => [c.name, c.kind]),
      [
        ['plan', 'categorical'],
        ['revenue', 'numeric'],
        ['seats', 'numeric'],
      ],
    );
  });

  it('imputes blanks with a missing flag and never yields NaN', () => {
    const { matrix } = pipeline.transform(training);
    assert.equal(hasNaN(matrix.data), false);
    const seatsMissing = pipeline.encoded.findIndex(
      (c) => c.source === 'seats' && c.role === 'missing',
    );
    assert.ok(seatsMissing >= 0);
    assert.equal(matrix.data[0 * matrix.cols + seatsMissing], 1);
    assert.equal(matrix.data[1 * matrix.cols + seatsMissing], 0);
  });

  it('encodes an unseen category as all zeros and text in a numeric column as missing', () => {
    const { matrix, invalidNumbers } = pipeline.transform([
      { plan: 'enterprise', seats: 'lots', revenue: 'n/a' },
    ]);
    assert.equal(hasNaN(matrix.data), false);
    const planColumns = pipeline.encoded
      .map((c, i) => (c.source === 'plan' ? i : -1))
      .filter((i) => i >= 0);
    assert.deepEqual(
      planColumns.map((i) => matrix.data[i]),
      [0, 0, 0],
    );
    assert.deepEqual(invalidNumbers, { seats: 1, revenue: 1 });
  });

  it('warns about non-numeric text in a mostly numeric column while fitting', () => {
    const noisy = Array.from({ length: 100 }, (_, i) => ({
      amount: i === 3 ? 'unknown' : String(i % 9),
    }));
    const fitted = FeaturePipeline.fit(noisy);
    assert.equal(fitted.columns[0]?.kind, 'numeric');
    assert.match(fitted.warnings[0] ?? '', /amount: 1 non-numeric/);
  });

  it('scales a zero-variance numeric column without NaN', () => {
    const flat = Array.from({ length: 20 }, (_, i) => ({
      score: i < 10 ? 5 : null,
      tier: `t${i % 2}`,
    }));
    const { matrix } = FeaturePipeline.fit(flat).transform(flat);
    assert.equal(hasNaN(matrix.data), false);
  });

  it('reports rows where every used property is blank', () => {
    const { emptyRows } = pipeline.transform([{}, { plan: 'pro' }, { seats: '' }]);
    assert.deepEqual(emptyRows, [0, 2]);
  });

  it('transforms identically after a JSON round trip', () => {
    const json = JSON.parse(JSON.stringify(pipeline.toJSON())) as FeaturePipelineJson;
    const loaded = FeaturePipeline.fromJSON(json);
    assert.deepEqual(loaded.transform(training).matrix, pipeline.transform(training).matrix);
    assert.deepEqual(loaded.encoded, pipeline.encoded);
  });
});
