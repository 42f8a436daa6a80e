import { selectRows, selectValues, type Matrix } from './matrix.js';
import { rocAuc } from './metrics.js';
import { MODEL_FAMILIES, type ModelFamily } from './models/binary-model.js';
import { ENSEMBLE_MEMBERS, Ensemble } from './models/ensemble.js';
import { fitBinaryModel } from './models/fit-binary-model.js';
import type { SplitIndices } from './split.js';

/** Out-of-fold ROC AUC of each family, one entry per fold in fold order. */
export type FoldAucs = Partial<Record<ModelFamily, number[]>>;

/** How cross-validation runs; `onFit` is called after every model fitted. */
export interface CrossValidateOptions {
  folds: readonly SplitIndices[];
  seed: number;
  signal?: AbortSignal;
  onFit?: () => void;
}

/** The families that must really be fitted to score `families` (an ensemble needs members). */
export function familiesToFit(families: readonly ModelFamily[]): ModelFamily[] {
  const needed = new Set<ModelFamily>(families.filter((f) => f !== 'ensemble'));
  if (families.includes('ensemble')) for (const member of ENSEMBLE_MEMBERS) needed.add(member);
  return MODEL_FAMILIES.filter((family) => needed.has(family));
}

/**
 * Fits every family on each fold's train rows and measures ROC AUC on its test rows. An
 * ensemble is scored from its members' fold predictions, which equal its own members'
 * (same rows, same seed), so it costs no extra fit.
 */
export async function crossValidateFamilies(
  x: Matrix,
  y: Float64Array,
  families: readonly ModelFamily[],
  options: CrossValidateOptions,
): Promise<FoldAucs> {
  const aucs: FoldAucs = {};
  const fitted = familiesToFit(families);

  for (const fold of options.folds) {
    const xFit = selectRows(x, fold.train);
    const yFit = selectValues(y, fold.train);
    const xCheck = selectRows(x, fold.test);
    const yCheck = selectValues(y, fold.test);
    const logits = new Map<ModelFamily, Float64Array>();

    for (const family of fitted) {
      const fitOptions = {
        seed: options.seed,
        ...(options.signal ? { signal: options.signal } : {}),
      };
      const model = await fitBinaryModel(family, xFit, yFit, fitOptions);
      logits.set(family, model.predictLogits(xCheck));
      options.onFit?.();
    }
    if (families.includes('ensemble')) {
      const members = ENSEMBLE_MEMBERS.map((m) => logits.get(m) ?? new Float64Array(yCheck.length));
      logits.set('ensemble', Ensemble.average(members));
    }

    for (const family of families) {
      (aucs[family] ??= []).push(rocAuc(yCheck, logits.get(family) ?? new Float64Array()));
    }
  }
  return aucs;
}
