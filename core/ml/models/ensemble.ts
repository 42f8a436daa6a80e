import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { Matrix } from '../matrix.js';
import type { BinaryModel, FitOptions, ModelFamily, SavedBinaryModel } from './binary-model.js';

/**
 * The families an ensemble averages. Logistic regression and boosted trees err differently
 * (smooth and additive against stepwise with interactions), which is when averaging helps;
 * the network is left out as the slowest and noisiest to fit on small tables.
 */
export const ENSEMBLE_MEMBERS: readonly ModelFamily[] = ['logistic', 'gbdt'];

/**
 * The mean of its members' log-odds. Every member is fitted on log loss, so their logits
 * are already on one calibrated scale and can be averaged as they are.
 */
export class Ensemble implements BinaryModel {
  readonly family = 'ensemble' as const;

  constructor(readonly members: readonly BinaryModel[]) {
    if (members.length === 0) {
      throw new CrmMlError('ml_ensemble_empty', 'An ensemble needs at least one member');
    }
  }

  /** The members' logits averaged row by row. */
  static average(memberLogits: readonly Float64Array[]): Float64Array {
    const rows = memberLogits[0]?.length ?? 0;
    const out = new Float64Array(rows);
    for (const logits of memberLogits) {
      for (let r = 0; r < rows; r++)
        out[r] = (out[r] ?? 0) + (logits[r] ?? 0) / memberLogits.length;
    }
    return out;
  }

  predictLogits(x: Matrix): Float64Array {
    return Ensemble.average(this.members.map((member) => member.predictLogits(x)));
  }

  /** Updates every member on the new rows, each with the same seed, one after another. */
  async update(x: Matrix, y: Float64Array, options: FitOptions): Promise<Ensemble> {
    const updated: BinaryModel[] = [];
    for (const member of this.members) updated.push(await member.update(x, y, options));
    return new Ensemble(updated);
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { members: this.members.map((member) => member.family) },
      weights: { members: this.members.map((member) => member.toJSON()) },
    };
  }
}
