import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { RunSummary } from '../../../core/pipeline/run-pipeline.js';
import type { TrainSummary } from '../../../core/pipeline/train-models.js';
import { formatHeadline, toHeadline } from '../../../core/runtime/run-summary-view.js';

const HELD_OUT = { roc_auc: 0.83, pr_auc: 0.62, brier: 0.14, baseline_roc_auc: 0.73 };

function trainSummary(pluginId: string, changes: Partial<TrainSummary> = {}): TrainSummary {
  return {
    pluginId,
    trained: false,
    updated: false,
    modelId: 1,
    version: 1,
    records: 0,
    metrics: {},
    ...changes,
  };
}

/** A run that only trained or updated: no records synced, scored or written. */
function runOf(train: TrainSummary[]): RunSummary {
  return {
    runId: 'run-1',
    connectionId: 'hubspot-1',
    sync: [],
    provision: { created: [], existing: [], rewrite: [] },
    train,
    score: [],
    writeback: { written: 0, failed: 0, deferred: 0, calls: 0, failures: [], sample: [] },
    verify: { checked: 0, matched: 0, mismatches: [] },
    seconds: {},
  };
}

const churnLine = (summary: RunSummary): string | undefined =>
  formatHeadline(toHeadline(summary))
    .split('\n')
    .find((line) => line.startsWith('churn '));

describe('the run summary says what this run did to the churn model', () => {
  it('says "trained now" only when churn itself was trained, not another plugin', () => {
    const churn = trainSummary('churn', { version: 2, metrics: HELD_OUT });
    const summary = runOf([churn, trainSummary('segments', { trained: true })]);

    const headline = toHeadline(summary);
    assert.equal(headline.trained, true, 'some plugin was trained');
    assert.equal(headline.model_trained, false);
    assert.equal(
      churnLine(summary),
      'churn       v2: held-out ROC AUC 0.830, PR AUC 0.620, ' +
        'Brier 0.140 (baseline ROC AUC 0.730)',
    );

    const trained = runOf([{ ...churn, trained: true }]);
    assert.match(churnLine(trained) ?? '', /^churn {7}v2 \(trained now\): held-out ROC AUC 0\.830/);
  });

  it("shows an update's own figures, not the full training's held-out ones", () => {
    const metrics = {
      ...HELD_OUT,
      update_rows: 610,
      update_roc_auc_before: 0.821,
      update_roc_auc_after: 0.864,
    };
    const summary = runOf([trainSummary('churn', { version: 3, updated: true, metrics })]);

    const headline = toHeadline(summary);
    assert.deepEqual(
      [headline.update_rows, headline.update_roc_auc_before, headline.update_roc_auc_after],
      [610, 0.821, 0.864],
    );
    assert.equal(
      churnLine(summary),
      'churn       v3 (updated now from 610 labelled records): ROC AUC on the held-out ones ' +
        "0.821 before, 0.864 after; last full training's held-out ROC AUC 0.830",
    );
  });

  it('leaves out figures of an earlier update that the stored model still carries', () => {
    const metrics = { ...HELD_OUT, update_rows: 610, update_roc_auc_before: 0.8 };
    const summary = runOf([trainSummary('churn', { version: 3, metrics })]);

    assert.equal(toHeadline(summary).update_rows, null);
    assert.match(churnLine(summary) ?? '', /^churn {7}v3: held-out ROC AUC 0\.830/);
  });

  it('says so when the update could not measure ROC AUC', () => {
    const metrics = { ...HELD_OUT, update_rows: 80 };
    const summary = runOf([trainSummary('churn', { version: 2, updated: true, metrics })]);
    assert.match(churnLine(summary) ?? '', /from 80 labelled records\): ROC AUC not measured/);
  });
});
