import { CrmMlError } from '../../errors/crm-ml-error.js';
import { initTensorflow } from '../backend.js';
import type { BinaryModel, SavedBinaryModel } from './binary-model.js';
import { DenseNetwork } from './dense-network.js';
import { Ensemble } from './ensemble.js';
import { GradientBoosting } from './gradient-boosting.js';
import { LogisticRegression } from './logistic-regression.js';

/** Rebuilds any family's model from its JSON; the network starts TensorFlow.js if needed. */
export async function loadBinaryModel(saved: SavedBinaryModel): Promise<BinaryModel> {
  switch (saved.family) {
    case 'logistic':
      return LogisticRegression.fromJSON(saved);
    case 'gbdt':
      return GradientBoosting.fromJSON(saved);
    case 'network':
      return DenseNetwork.fromJSON((await initTensorflow()).tf, saved);
    case 'ensemble':
      return loadEnsemble(saved);
    default:
      throw new CrmMlError(
        'ml_model_family_unknown',
        `Saved model has unknown family '${String((saved as { family: unknown }).family)}'`,
      );
  }
}

async function loadEnsemble(saved: SavedBinaryModel): Promise<Ensemble> {
  const { members } = saved.weights;
  if (!Array.isArray(members) || members.length === 0) {
    throw new CrmMlError('ml_model_json_invalid', 'Saved ensemble model lacks members');
  }
  const loaded: BinaryModel[] = [];
  for (const member of members) loaded.push(await loadBinaryModel(member as SavedBinaryModel));
  return new Ensemble(loaded);
}
