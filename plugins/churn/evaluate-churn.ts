import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import {
  calibrationTable,
  rocCurve,
  type CalibrationBin,
  type RocPoint,
} from '../../core/ml/curves.js';
import type { CvSummary } from '../../core/ml/choose-family.js';
import type { ModelFamily } from '../../core/ml/models/binary-model.js';
import type { ProgressFn } from '../plugin.js';
import { parseChurnOptions } from './churn-options.js';
import { assertTargetUsable, churnLabel } from './churn-target.js';
import { checkChurnTable } from './churn-table-checks.js';
import { trainChurn } from './train-churn.js';

/** Options of `evaluateChurn`. */
export interface EvaluateChurnOptions {
  /** The column saying whether the customer churned. */
  target: string;
  /** The target value meaning churned; by default Yes, true or 1 (any case). */
  positive?: string;
  /** An identifier column, left out of the features. */
  id?: string;
  /** Further columns to leave out. */
  exclude?: string[];
  families?: ModelFamily[];
  seed?: number;
  progress?: ProgressFn;
  /** The file line of each row, so warnings name real lines (row i is line i + 2 otherwise). */
  lines?: readonly number[];
}

/** Held-out figures for one labelled table, beside a one-property baseline. */
export interface ChurnEvaluation {
  roc_auc: number;
  pr_auc: number;
  brier: number;
  log_loss: number;
  lift_top_decile: number;
  accuracy: number;
  rows: number;
  train_rows: number;
  test_rows: number;
  /** Rows with a blank target, left out. */
  unlabelled_rows: number;
  /** The family chosen by cross-validated AUC on the training part. */
  model: ModelFamily;
  /** Mean cross-validated ROC AUC per family tried (the `mean` of `cv_auc`). */
  validation_auc: Partial<Record<ModelFamily, number>>;
  /** Cross-validated ROC AUC per family: mean ± std over the folds, to show the noise. */
  cv_auc: Partial<Record<ModelFamily, CvSummary>>;
  /** Folds the training part was cut into for `cv_auc`. */
  cv_folds: number;
  baseline: {
    rule: string;
    property: string;
    roc_auc: number;
    pr_auc: number;
    brier: number;
    log_loss: number;
    lift_top_decile: number;
  };
  roc_curve: RocPoint[];
  calibration: CalibrationBin[];
  warnings: string[];
  seconds: number;
}

const DEFAULT_SEED = 42;
const logger = createLogger('plugin.churn');

/**
 * Trains and evaluates churn on a labelled table (CSV rows): 80/20 stratified split with
 * the seed (keyed by the `id` column when given, so row order does not matter), family
 * chosen by k-fold CV on the 80 %, figures on the 20 %. Backs `crm-ml eval churn`.
 *
 * @example const result = await evaluateChurn(rows, { target: 'Churn', id: 'customerID' });
 */
export async function evaluateChurn(
  rows: Record<string, string>[],
  options: EvaluateChurnOptions,
): Promise<ChurnEvaluation> {
  const started = Date.now();
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (!columns.includes(options.target)) {
    throw new CrmMlError(
      'target_column_missing',
      `Target column '${options.target}' is not in the table; ` +
        `columns: ${columns.join(', ') || 'none'}`,
      { details: [{ path: options.target, message: 'column not found' }] },
    );
  }
  const parsed = parseChurnOptions({
    target: options.target,
    exclude: [...(options.exclude ?? []), ...(options.id === undefined ? [] : [options.id])],
    ...(options.positive === undefined ? {} : { positive: options.positive }),
    ...(options.families === undefined ? {} : { families: options.families }),
  });

  assertTargetUsable(
    rows.map((row) => row[parsed.target]),
    parsed.target,
    parsed.positive,
    columns,
  );
  const idColumn = options.id ?? '';
  const checked = checkChurnTable(rows, {
    target: parsed.target,
    exclude: parsed.exclude,
    ...(parsed.positive === undefined ? {} : { positive: parsed.positive }),
    ...(options.lines === undefined ? {} : { lines: options.lines }),
  });
  const labelled = rows
    .map((row, index) => ({
      row,
      label: checked.unlabelled.has(index)
        ? undefined
        : churnLabel(row[parsed.target], parsed.positive),
    }))
    .filter(
      (entry): entry is { row: Record<string, string>; label: 0 | 1 } => entry.label !== undefined,
    );

  const result = await trainChurn(
    labelled.map((entry) => entry.row),
    Float64Array.from(labelled, (entry) => entry.label),
    {
      exclude: [parsed.target, ...parsed.exclude],
      families: parsed.families,
      seed: options.seed ?? DEFAULT_SEED,
      logger,
      refit: false,
      ...(options.id === undefined ? {} : { ids: labelled.map((entry) => entry.row[idColumn]) }),
      ...(options.progress ? { progress: options.progress } : {}),
    },
  );

  const m = result.metrics;
  const metric = (name: string): number => m[name] ?? Number.NaN;
  const { labels, probabilities } = result.heldOut;
  return {
    roc_auc: metric('roc_auc'),
    pr_auc: metric('pr_auc'),
    brier: metric('brier'),
    log_loss: metric('log_loss'),
    lift_top_decile: metric('lift_top_decile'),
    accuracy: metric('accuracy'),
    rows: metric('rows'),
    train_rows: metric('train_rows'),
    test_rows: metric('test_rows'),
    unlabelled_rows: rows.length - labelled.length,
    model: result.family,
    validation_auc: Object.fromEntries(
      Object.entries(result.cv).map(([family, summary]) => [family, summary.mean]),
    ),
    cv_auc: result.cv,
    cv_folds: result.folds,
    baseline: {
      rule: result.baselineDescription,
      property: result.baselineProperty,
      roc_auc: metric('baseline_roc_auc'),
      pr_auc: metric('baseline_pr_auc'),
      brier: metric('baseline_brier'),
      log_loss: metric('baseline_log_loss'),
      lift_top_decile: metric('baseline_lift_top_decile'),
    },
    roc_curve: rocCurve(labels, probabilities),
    calibration: calibrationTable(labels, probabilities),
    warnings: [
      ...checked.warnings,
      ...result.warnings.filter((w) => !checked.reportedColumns.has(w.split(':')[0] ?? '')),
    ],
    seconds: (Date.now() - started) / 1000,
  };
}
