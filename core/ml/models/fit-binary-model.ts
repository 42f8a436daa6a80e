import { initTensorflow } from '../backend.js';
import type { Matrix } from '../matrix.js';
import type { BinaryModel, FitOptions, ModelFamily } from './binary-model.js';
import { DenseNetwork } from './dense-network.js';
import { ENSEMBLE_MEMBERS, Ensemble } from './ensemble.js';
import { GradientBoosting } from './gradient-boosting.js';
import { LogisticRegression } from './logistic-regression.js';

/**
 * Fits one family with its default settings: the single entry point plugins need. An
 * ensemble's members get the same options as when fitted alone, so a member equals the
 * standalone model of its family (cross-validation relies on it).
 */
export async function fitBinaryModel(
  family: ModelFamily,
  x: Matrix,
  y: Float64Array,
  options: FitOptions,
): Promise<BinaryModel> {
  switch (family) {
    case 'logistic':
      return LogisticRegression.fit(x, y, options);
    case 'gbdt':
      return GradientBoosting.fit(x, y, options);
    case 'network':
      return DenseNetwork.fit((await initTensorflow()).tf, x, y, options);
    case 'ensemble': {
      const members: BinaryModel[] = [];
      for (const member of ENSEMBLE_MEMBERS) {
        members.push(await fitBinaryModel(member, x, y, options));
      }
      return new Ensemble(members);
    }
  }
}
