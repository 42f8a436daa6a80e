import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { evaluateChurn } from '../../../plugins/churn/index.js';
import { readTelcoRows } from './telco-fixture.js';

describe('evaluateChurn', () => {
  const rows = readTelcoRows();

  it('gives the same figures for a seed whatever the row order, with AUC ≥ 0.84', async () => {
    // logistic + gbdt only: the suite trains the network on full Telco once, in the plugin test.
    const options = { target: 'Churn', id: 'customerID', seed: 7 } as const;
    const families = () => ['logistic' as const, 'gbdt' as const];
    const first = await evaluateChurn(rows, { ...options, families: families() });
    const second = await evaluateChurn([...rows].reverse(), { ...options, families: families() });
    const { seconds: _a, ...a } = first;
    const { seconds: _b, ...b } = second;
    assert.deepEqual(a, b);

    assert.ok(first.roc_auc >= 0.84, `roc_auc ${first.roc_auc}`);
    assert.ok(first.baseline.roc_auc > 0.5 && first.baseline.roc_auc < first.roc_auc);
    assert.equal(first.rows, 7043);
    assert.equal(first.test_rows, 1409);
    assert.ok(['logistic', 'gbdt'].includes(first.model));
    assert.equal(first.cv_folds, 5);
    for (const family of ['logistic', 'gbdt'] as const) {
      const cv = first.cv_auc[family];
      assert.ok(cv && cv.mean > 0.8 && cv.std > 0 && cv.std < 0.05, `${family} cv ${cv?.mean}`);
      assert.equal(first.validation_auc[family], cv.mean);
    }
    assert.deepEqual(first.roc_curve[0], { threshold: Infinity, fpr: 0, tpr: 0 });
    assert.ok(first.calibration.length >= 5);
  });

  it('names the missing target column and the columns present', async () => {
    await assert.rejects(
      evaluateChurn([{ a: '1', b: '2' }], { target: 'churned' }),
      (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'target_column_missing');
        assert.match(error.message, /'churned'.*a, b/);
        return true;
      },
    );
  });

  it('refuses a target with one class', async () => {
    const oneClass = rows.slice(0, 200).map((row) => ({ ...row, Churn: 'No' }));
    await assert.rejects(
      evaluateChurn(oneClass, { target: 'Churn' }),
      (error: unknown) => error instanceof CrmMlError && error.code === 'churn_target_one_class',
    );
  });

  it('treats text in a numeric column as missing and warns about it', async () => {
    const noisy = rows
      .slice(0, 600)
      .map((row, i) => (i % 50 === 0 ? { ...row, tenure: 'n/a' } : row));
    const result = await evaluateChurn(noisy, {
      target: 'Churn',
      id: 'customerID',
      families: ['logistic'],
    });
    assert.ok(
      result.warnings.some((w) =>
        /^tenure: 12 non-numeric values treated as missing \(e\.g\. 'n\/a'\): lines 2, 52,/.test(w),
      ),
    );
    assert.ok(Number.isFinite(result.roc_auc));
  });
});
