import { columnGroups } from './column-groups.js';
import type { PropertyReference } from './feature-types.js';
import type { Matrix } from './matrix.js';
import type { BinaryModel, Explanation } from './models/binary-model.js';
import { Ensemble } from './models/ensemble.js';
import { occlusionContributions } from './occlusion-contributions.js';
import { referenceRow } from './reference-slices.js';

/** Per-row contributions of each source property to the predicted log-odds. */
export interface PropertyContributions {
  /** Source property names, the column order of `values`. */
  sources: string[];
  /** Row-major [rows × sources]: positive pushes the prediction up. */
  values: Float64Array;
}

/** Each row's log-odds beside its property contributions, from one pass where possible. */
export interface ExplainedPredictions extends PropertyContributions {
  logits: Float64Array;
}

/**
 * Predicts and explains `x`: how much each property moves each row's log-odds compared with
 * its typical training values (weighted by how common they are). Deterministic. Linear models
 * give it exactly (weight × distance from the average encoding), boosted trees by crediting
 * each split on a row's path to its property, both in the pass that predicts; an ensemble
 * as the mean of its members'; any other family by occlusion: the row's prediction minus the
 * average prediction with the property replaced.
 */
export function explainPredictions(
  model: BinaryModel,
  x: Matrix,
  references: readonly PropertyReference[],
): ExplainedPredictions {
  const groups = columnGroups(references, x.cols);
  const reference = referenceRow(references, x.cols);
  const { logits, contributions } = explainMember(model);
  return { sources: references.map((r) => r.source), values: contributions, logits };

  function explainMember(member: BinaryModel): Explanation {
    // The ensemble's logit is the plain mean of its members', so its explanation is too.
    if (member instanceof Ensemble) {
      const parts = member.members.map(explainMember);
      return {
        logits: Ensemble.average(parts.map((part) => part.logits)),
        contributions: Ensemble.average(parts.map((part) => part.contributions)),
      };
    }
    if (member.explain) return member.explain(x, reference, groups);
    return {
      logits: member.predictLogits(x),
      contributions: occlusionContributions(member, x, references),
    };
  }
}

/** The contributions alone (see `explainPredictions`). */
export function propertyContributions(
  model: BinaryModel,
  x: Matrix,
  references: readonly PropertyReference[],
): PropertyContributions {
  const { sources, values } = explainPredictions(model, x, references);
  return { sources, values };
}
