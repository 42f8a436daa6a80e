import { initTensorflow } from '../backend.js';
import type { Matrix } from '../matrix.js';
import type { BinaryModel, FitOptions, ModelFamily } from './binary-model.js';
import { DenseNetwork } from './dense-network.js';
import { GradientBoosting } from './gradient-boosting.js';
import { LogisticRegression } from './logistic-regression.js';

/** Fits one family with its default settings: the single entry point plugins need. */
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
  }
}
