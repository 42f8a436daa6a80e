import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { propertyContributions } from '../../../core/ml/attribution.js';
import { FeaturePipeline } from '../../../core/ml/feature-pipeline.js';
import type { PropertyReference } from '../../../core/ml/feature-types.js';
import { selectRows, type Matrix } from '../../../core/ml/matrix.js';
import type { BinaryModel } from '../../../core/ml/models/binary-model.js';
import { Ensemble } from '../../../core/ml/models/ensemble.js';
import { GradientBoosting } from '../../../core/ml/models/gradient-boosting.js';
import { LogisticRegression } from '../../../core/ml/models/logistic-regression.js';
import { occlusionContributions } from '../../../core/ml/occlusion-contributions.js';
import { readTelcoRecords } from '../../plugins/churn/telco-fixture.js';

const TRAIN_ROWS = 3000;
const SAMPLE_ROWS = 300;

/** Share of rows whose strongest property by `fast` is among the top 3 by `slow`. */
function topAgreement(fast: Float64Array, slow: Float64Array, width: number): number {
  const rows = fast.length / width;
  const order = (v: Float64Array, r: number) =>
    Array.from({ length: width }, (_, p) => p).sort(
      (a, b) => Math.abs(v[r * width + b] ?? 0) - Math.abs(v[r * width + a] ?? 0),
    );
  let agree = 0;
  for (let r = 0; r < rows; r++) {
    if (
      order(slow, r)
        .slice(0, 3)
        .includes(order(fast, r)[0] ?? -1)
    )
      agree++;
  }
  return agree / rows;
}

/** Share of clear occlusion contributions (|v| > 0.1) whose sign the fast ones share. */
function signAgreement(fast: Float64Array, slow: Float64Array): number {
  let counted = 0;
  let agree = 0;
  slow.forEach((v, i) => {
    if (Math.abs(v) <= 0.1) return;
    counted++;
    if (Math.sign(fast[i] ?? 0) === Math.sign(v)) agree++;
  });
  return agree / counted;
}

describe('property contributions on Telco', () => {
  let x: Matrix;
  let references: PropertyReference[];
  let logistic: BinaryModel;
  let gbdt: BinaryModel;

  before(() => {
    const rows = readTelcoRecords().map((record) => record.properties);
    const pipeline = FeaturePipeline.fit(rows.slice(0, TRAIN_ROWS), { exclude: ['churn'] });
    const all = pipeline.transform(rows).matrix;
    const y = Float64Array.from(rows.slice(0, TRAIN_ROWS), (row) =>
      row['churn'] === 'Yes' ? 1 : 0,
    );
    const train = selectRows(
      all,
      Array.from({ length: TRAIN_ROWS }, (_, i) => i),
    );
    logistic = LogisticRegression.fit(train, y, { seed: 7 });
    gbdt = GradientBoosting.fit(train, y, { seed: 7 });
    x = selectRows(
      all,
      Array.from({ length: SAMPLE_ROWS }, (_, i) => TRAIN_ROWS + i * 7),
    );
    references = pipeline.references();
  });

  it('equals occlusion exactly for logistic regression', () => {
    const fast = propertyContributions(logistic, x, references).values;
    const slow = occlusionContributions(logistic, x, references);
    fast.forEach((v, i) => assert.ok(Math.abs(v - (slow[i] ?? 0)) < 1e-9, `cell ${i}`));
  });

  it('agrees with occlusion in sign and rank for boosted trees and the ensemble', () => {
    const width = references.length;
    for (const model of [gbdt, new Ensemble([logistic, gbdt])]) {
      const fast = propertyContributions(model, x, references).values;
      const slow = occlusionContributions(model, x, references);
      const top = topAgreement(fast, slow, width);
      const sign = signAgreement(fast, slow);
      assert.ok(top >= 0.8, `${model.family}: top property agrees on ${top}`);
      assert.ok(sign >= 0.95, `${model.family}: signs agree on ${sign}`);
    }
  });

  it('averages the ensemble members’ contributions as its logits are averaged', () => {
    const members = [logistic, gbdt].map((m) => propertyContributions(m, x, references).values);
    const ensemble = propertyContributions(new Ensemble([logistic, gbdt]), x, references).values;
    ensemble.forEach((v, i) => {
      assert.ok(Math.abs(v - ((members[0]?.[i] ?? 0) + (members[1]?.[i] ?? 0)) / 2) < 1e-12);
    });
  });

  it('gives the same drivers whatever the batch a row is scored in', () => {
    for (const model of [logistic, gbdt]) {
      const whole = propertyContributions(model, x, references).values;
      const again = propertyContributions(model, x, references).values;
      assert.deepEqual(again, whole);
      const width = references.length;
      const one = propertyContributions(model, selectRows(x, [5]), references).values;
      assert.deepEqual(one, whole.slice(5 * width, 6 * width));
    }
  });
});
