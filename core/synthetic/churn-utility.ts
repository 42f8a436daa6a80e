import { createLogger } from '../logging/logger.js';
import { sigmoid } from '../ml/matrix.js';
import { rocAuc } from '../ml/metrics.js';
import type { ModelFamily } from '../ml/models/binary-model.js';
import { churnLabel } from '../../plugins/churn/churn-target.js';
import { trainChurn } from '../../plugins/churn/train-churn.js';

type Rows = readonly Readonly<Record<string, string>>[];

/** Held-out ROC AUC on real rows of a churn model trained on some rows, and its family. */
export interface ChurnUtility {
  roc_auc: number;
  model: ModelFamily;
  train_rows: number;
}

/** Where the label is and what to leave out of the features. */
export interface ChurnUtilitySettings {
  target: string;
  positive?: string;
  /** Columns never used as features (ids, emails). */
  exclude: readonly string[];
  /** Column whose value keys the churn plugin's own splits. */
  id?: string;
  families: readonly ModelFamily[];
  seed: number;
}

const logger = createLogger('synthetic.churn-utility');

/**
 * Trains churn the way the churn plugin does (family by cross-validation, refitted on every
 * row of `train`) and scores `test`, real rows it never saw: with synthetic `train` rows this
 * is "train on synthetic, test on real", with real ones its reference.
 */
export async function churnUtility(
  train: Rows,
  test: Rows,
  settings: ChurnUtilitySettings,
): Promise<ChurnUtility> {
  const labelled = labelledRows(train, settings);
  const result = await trainChurn(labelled.rows, Float64Array.from(labelled.labels), {
    exclude: [settings.target, ...settings.exclude],
    families: settings.families,
    seed: settings.seed,
    logger,
    refit: true,
    ...(settings.id === undefined
      ? {}
      : { ids: labelled.rows.map((row) => row[settings.id ?? '']) }),
  });

  const scored = labelledRows(test, settings);
  const { matrix } = result.pipeline.transform(scored.rows);
  const probabilities = result.model.predictLogits(matrix).map(sigmoid);
  return {
    roc_auc: rocAuc(Float64Array.from(scored.labels), probabilities),
    model: result.family,
    train_rows: labelled.rows.length,
  };
}

function labelledRows(
  rows: Rows,
  settings: ChurnUtilitySettings,
): { rows: Rows; labels: number[] } {
  const kept: Readonly<Record<string, string>>[] = [];
  const labels: number[] = [];
  for (const row of rows) {
    const label = churnLabel(row[settings.target], settings.positive);
    if (label === undefined) continue;
    kept.push(row);
    labels.push(label);
  }
  return { rows: kept, labels };
}
