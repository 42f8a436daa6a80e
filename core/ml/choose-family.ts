import { MODEL_FAMILIES, type ModelFamily } from './models/binary-model.js';
import type { FoldAucs } from './cross-validate.js';

/** Mean and sample standard deviation of a family's fold AUCs. */
export interface CvSummary {
  mean: number;
  std: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** Each family's fold AUCs as mean ± standard deviation. */
export function summariseFolds(aucs: FoldAucs): Partial<Record<ModelFamily, CvSummary>> {
  const summary: Partial<Record<ModelFamily, CvSummary>> = {};
  for (const family of MODEL_FAMILIES) {
    const folds = aucs[family];
    if (folds) summary[family] = { mean: mean(folds), std: sampleStd(folds) };
  }
  return summary;
}

/**
 * The one-standard-error rule on paired folds: find the family with the best mean fold AUC,
 * then take the simplest family (earliest in `MODEL_FAMILIES`) whose mean shortfall against
 * it is at most one standard error of their per-fold differences. Pairing by fold removes
 * the fold-to-fold noise both share, so a real but small gain still counts, while a gain
 * within the noise never buys complexity. Fold AUCs that are NaN count as 0.5.
 */
export function chooseFamily(aucs: FoldAucs): ModelFamily {
  const tried = MODEL_FAMILIES.filter((family) => (aucs[family]?.length ?? 0) > 0);
  const clean = (family: ModelFamily): number[] =>
    (aucs[family] ?? []).map((auc) => (Number.isNaN(auc) ? 0.5 : auc));

  let best = tried[0] ?? 'logistic';
  for (const family of tried) if (mean(clean(family)) > mean(clean(best))) best = family;

  const bestFolds = clean(best);
  for (const family of tried) {
    const gaps = clean(family).map((auc, fold) => (bestFolds[fold] ?? auc) - auc);
    const standardError = sampleStd(gaps) / Math.sqrt(gaps.length);
    if (mean(gaps) <= standardError) return family;
  }
  return best;
}
