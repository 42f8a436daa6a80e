import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import { selectRows, selectValues, sigmoid, type Matrix } from '../../core/ml/matrix.js';
import { binaryMetrics, rocAuc } from '../../core/ml/metrics.js';
import {
  MODEL_FAMILIES,
  type BinaryModel,
  type ModelFamily,
} from '../../core/ml/models/binary-model.js';
import { fitBinaryModel } from '../../core/ml/models/fit-binary-model.js';
import { fitOnePropertyBaseline } from '../../core/ml/one-property-baseline.js';
import { SeededRandom } from '../../core/ml/random.js';
import { stratifiedSplit } from '../../core/ml/split.js';
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
  progress?: ProgressFn;
  signal?: AbortSignal;
}

/** What training produced: the model to score with and how it did on held-out rows. */
export interface TrainChurnResult {
  family: ModelFamily;
  pipeline: FeaturePipeline;
  model: BinaryModel;
  metrics: Metrics;
  /** Validation ROC AUC of every family tried. */
  validation: Partial<Record<ModelFamily, number>>;
  baselineProperty: string;
  baselineDescription: string;
  heldOut: { labels: Float64Array; probabilities: Float64Array };
  warnings: string[];
}

const TEST_FRACTION = 0.2;
// A more complex family must beat a simpler one by this much validation AUC to be chosen:
// differences below it are within the noise of a validation split of a few thousand rows.
const SIMPLER_FAMILY_MARGIN = 0.002;
const MIN_ROWS_PER_CLASS = 10;

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

/**
 * Trains churn on labelled rows: stratified 80/20 split, family chosen by AUC on an inner
 * split of the 80 %, held-out figures on the 20 % beside a one-property baseline, then
 * (with `refit`) the chosen family refitted on all rows. Deterministic for a seed.
 */
export async function trainChurn(
  rows: readonly PropertyRow[],
  labels: Float64Array,
  settings: TrainChurnSettings,
): Promise<TrainChurnResult> {
  checkLabels(labels);
  const started = Date.now();
  const rng = new SeededRandom(settings.seed);
  const outer = stratifiedSplit(labels, TEST_FRACTION, rng.nextUint32());
  const trainRows = outer.train.map((i) => rows[i] as PropertyRow);
  const testRows = outer.test.map((i) => rows[i] as PropertyRow);
  const trainY = selectValues(labels, outer.train);
  const testY = selectValues(labels, outer.test);
  const steps =
    (settings.families.length > 1 ? settings.families.length : 0) + 1 + (settings.refit ? 1 : 0);
  let done = 0;
  const step = () => settings.progress?.(++done, steps);

  const pipeline = FeaturePipeline.fit(trainRows, { exclude: settings.exclude });
  const xTrain = pipeline.transform(trainRows).matrix;
  const xTest = pipeline.transform(testRows).matrix;

  const { family, validation } = await chooseFamily(xTrain, trainY, settings, rng, step);

  const modelSeed = rng.nextUint32();
  const heldOutModel = await fitBinaryModel(family, xTrain, trainY, {
    seed: modelSeed,
    ...signalOf(settings),
  });
  const testP = probabilities(heldOutModel, xTest);
  step();

  const baseline = fitOnePropertyBaseline(pipeline, trainRows, trainY);
  const baselineP = baseline.predict(testRows);
  const metrics = flatMetrics(testY, testP, baselineP, labels.length, outer.train.length, family);

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
    validation,
    baselineProperty: baseline.property,
    baselineDescription: baseline.description,
    heldOut: { labels: testY, probabilities: testP },
    warnings: [...pipeline.warnings],
  };
}

/** Picks the family with the best AUC on an inner split; simpler families win near-ties. */
async function chooseFamily(
  x: Matrix,
  y: Float64Array,
  settings: TrainChurnSettings,
  rng: SeededRandom,
  step: () => void,
): Promise<{ family: ModelFamily; validation: Partial<Record<ModelFamily, number>> }> {
  const validation: Partial<Record<ModelFamily, number>> = {};
  let family = settings.families[0] as ModelFamily;
  if (settings.families.length < 2) return { family, validation };

  const inner = stratifiedSplit(y, TEST_FRACTION, rng.nextUint32());
  const xFit = selectRows(x, inner.train);
  const xValid = selectRows(x, inner.test);
  const yFit = selectValues(y, inner.train);
  const yValid = selectValues(y, inner.test);
  const seed = rng.nextUint32();
  let bestAuc = Number.NEGATIVE_INFINITY;

  for (const candidate of settings.families) {
    const model = await fitBinaryModel(candidate, xFit, yFit, { seed, ...signalOf(settings) });
    const auc = rocAuc(yValid, model.predictLogits(xValid));
    validation[candidate] = auc;
    if (auc > bestAuc + SIMPLER_FAMILY_MARGIN) {
      bestAuc = auc;
      family = candidate;
    }
    settings.logger.debug({ family: candidate, validationAuc: auc }, 'family validated');
    step();
  }
  return { family, validation };
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
