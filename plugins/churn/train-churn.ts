import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import { chooseFamily, summariseFolds, type CvSummary } from '../../core/ml/choose-family.js';
import { crossValidateFamilies, familiesToFit } from '../../core/ml/cross-validate.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import { selectValues, sigmoid, type Matrix } from '../../core/ml/matrix.js';
import { binaryMetrics } from '../../core/ml/metrics.js';
import {
  MODEL_FAMILIES,
  type BinaryModel,
  type ModelFamily,
} from '../../core/ml/models/binary-model.js';
import { fitBinaryModel } from '../../core/ml/models/fit-binary-model.js';
import { fitOnePropertyBaseline } from '../../core/ml/one-property-baseline.js';
import { SeededRandom } from '../../core/ml/random.js';
import { canonicalOrder, rowKeys } from '../../core/ml/row-keys.js';
import { stratifiedKFold, stratifiedSplit } from '../../core/ml/split.js';
import type { PropertyRow } from '../../core/ml/values.js';
import type { Metrics, ProgressFn } from '../plugin.js';

/** Settings of one churn training run. */
export interface TrainChurnSettings {
  exclude: readonly string[];
  families: readonly ModelFamily[];
  seed: number;
  logger: Logger;
  /** Refit the chosen family on every labelled row (for scoring); off for evaluation only. */
  refit: boolean;
  /** Record ids, row by row: they key the splits, so row order does not change them. */
  ids?: readonly (string | undefined)[];
  progress?: ProgressFn;
  signal?: AbortSignal;
}

/** What training produced: the model to score with and how it did on held-out rows. */
export interface TrainChurnResult {
  family: ModelFamily;
  pipeline: FeaturePipeline;
  model: BinaryModel;
  metrics: Metrics;
  /** Cross-validated ROC AUC (mean ± std over folds of the training part) per family. */
  cv: Partial<Record<ModelFamily, CvSummary>>;
  /** How many folds `cv` used. */
  folds: number;
  baselineProperty: string;
  baselineDescription: string;
  heldOut: { labels: Float64Array; probabilities: Float64Array };
  warnings: string[];
}

const TEST_FRACTION = 0.2;
const MIN_ROWS_PER_CLASS = 10;
const MAX_FOLDS = 5;
// Fewer folds on small tables so each fold still tests this many rows of the rarer class.
const MIN_CLASS_ROWS_PER_FOLD = 5;

function checkLabels(labels: Float64Array): void {
  const positives = labels.reduce((s, v) => s + v, 0);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    const only = positives === 0 ? 'not churned' : 'churned';
    throw new CrmMlError(
      'churn_target_one_class',
      `The churn target has one class only (every labelled row is ${only}); need both`,
    );
  }
  if (Math.min(positives, negatives) < MIN_ROWS_PER_CLASS) {
    throw new CrmMlError(
      'churn_too_few_labels',
      `Need at least ${MIN_ROWS_PER_CLASS} churned and ${MIN_ROWS_PER_CLASS} retained rows; ` +
        `got ${positives} and ${negatives}`,
    );
  }
}

function probabilities(model: BinaryModel, x: Matrix): Float64Array {
  return model.predictLogits(x).map(sigmoid);
}

function foldCount(labels: Float64Array): number {
  const positives = labels.reduce((s, v) => s + v, 0);
  const rarer = Math.min(positives, labels.length - positives);
  return Math.max(2, Math.min(MAX_FOLDS, Math.floor(rarer / MIN_CLASS_ROWS_PER_FOLD)));
}

/**
 * Trains churn on labelled rows: a stratified 80/20 split keyed by record id (the same
 * split whatever the row order), the family chosen by stratified k-fold CV AUC on the 80 %
 * (see `chooseFamily`), held-out figures on the 20 % beside a one-property baseline, then
 * (with `refit`) the chosen family refitted on all rows. Deterministic for a seed.
 */
export async function trainChurn(
  inputRows: readonly PropertyRow[],
  inputLabels: Float64Array,
  settings: TrainChurnSettings,
): Promise<TrainChurnResult> {
  checkLabels(inputLabels);
  const started = Date.now();

  // One canonical row order, so even order-sensitive steps (batches, subsamples) agree.
  const inputKeys = rowKeys(inputRows, settings.ids);
  const order = canonicalOrder(inputKeys);
  const rows = order.map((i) => inputRows[i] as PropertyRow);
  const labels = selectValues(inputLabels, order);
  const keys = order.map((i) => inputKeys[i] ?? '');

  const rng = new SeededRandom(settings.seed);
  const outer = stratifiedSplit(labels, TEST_FRACTION, rng.nextUint32(), keys);
  const trainRows = outer.train.map((i) => rows[i] as PropertyRow);
  const testRows = outer.test.map((i) => rows[i] as PropertyRow);
  const trainY = selectValues(labels, outer.train);
  const testY = selectValues(labels, outer.test);
  const trainKeys = outer.train.map((i) => keys[i] ?? '');

  const pipeline = FeaturePipeline.fit(trainRows, { exclude: settings.exclude });
  const xTrain = pipeline.transform(trainRows).matrix;
  const xTest = pipeline.transform(testRows).matrix;

  const folds = stratifiedKFold(trainY, foldCount(trainY), rng.nextUint32(), trainKeys);
  const fits = folds.length * familiesToFit(settings.families).length;
  const steps = fits + 1 + (settings.refit ? 1 : 0);
  let done = 0;
  const step = () => settings.progress?.(++done, steps);

  const foldAucs = await crossValidateFamilies(xTrain, trainY, settings.families, {
    folds,
    seed: rng.nextUint32(),
    onFit: step,
    ...signalOf(settings),
  });
  const family = chooseFamily(foldAucs);
  const cv = summariseFolds(foldAucs);
  settings.logger.debug({ cv, family }, 'families cross-validated');

  const modelSeed = rng.nextUint32();
  const heldOutModel = await fitBinaryModel(family, xTrain, trainY, {
    seed: modelSeed,
    ...signalOf(settings),
  });
  const testP = probabilities(heldOutModel, xTest);
  step();

  const baseline = fitOnePropertyBaseline(pipeline, trainRows, trainY);
  const baselineP = baseline.predict(testRows);
  const metrics: Metrics = {
    ...flatMetrics(testY, testP, baselineP, labels.length, outer.train.length, family),
    cv_roc_auc: cv[family]?.mean ?? Number.NaN,
    cv_roc_auc_std: cv[family]?.std ?? Number.NaN,
  };

  let finalPipeline = pipeline;
  let finalModel = heldOutModel;
  if (settings.refit) {
    finalPipeline = FeaturePipeline.fit(rows, { exclude: settings.exclude });
    const xAll = finalPipeline.transform(rows).matrix;
    finalModel = await fitBinaryModel(family, xAll, labels, {
      seed: modelSeed,
      ...signalOf(settings),
    });
    step();
  }

  settings.logger.info(
    { family, rows: labels.length, rocAuc: metrics['roc_auc'], ms: Date.now() - started },
    'churn model trained',
  );
  return {
    family,
    pipeline: finalPipeline,
    model: finalModel,
    metrics,
    cv,
    folds: folds.length,
    baselineProperty: baseline.property,
    baselineDescription: baseline.description,
    heldOut: { labels: testY, probabilities: testP },
    warnings: [...pipeline.warnings],
  };
}

function signalOf(settings: TrainChurnSettings): { signal?: AbortSignal } {
  return settings.signal ? { signal: settings.signal } : {};
}

function flatMetrics(
  labels: Float64Array,
  model: Float64Array,
  baseline: Float64Array,
  rows: number,
  trainRows: number,
  family: ModelFamily,
): Metrics {
  const ours = binaryMetrics(labels, model);
  const theirs = binaryMetrics(labels, baseline);
  const prefixed = Object.fromEntries(Object.entries(theirs).map(([k, v]) => [`baseline_${k}`, v]));
  return {
    ...ours,
    ...prefixed,
    rows,
    train_rows: trainRows,
    test_rows: labels.length,
    family_index: MODEL_FAMILIES.indexOf(family),
  };
}
