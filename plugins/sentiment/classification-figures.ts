import { accuracyAtHalf, rocAuc } from '../../core/ml/metrics.js';

/** Figures for binary sentiment predictions. */
export interface ClassificationFigures {
  /** Share of texts where (P(positive) ≥ 0.5) matches the label. */
  accuracy: number;
  /** The mean of the F1 scores of the positive and the negative class. */
  macro_f1: number;
  roc_auc: number;
}

function f1(truePositives: number, falsePositives: number, falseNegatives: number): number {
  const denominator = 2 * truePositives + falsePositives + falseNegatives;
  return denominator === 0 ? 0 : (2 * truePositives) / denominator;
}

/** Accuracy, macro F1 (at P ≥ 0.5) and ROC AUC for labels in {0, 1}. */
export function classificationFigures(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): ClassificationFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = (probabilities[i] ?? 0) >= 0.5;
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }

  return {
    accuracy: accuracyAtHalf(labels, probabilities),
    // The negative class's F1 swaps the roles: its true positives are the true negatives.
    macro_f1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
    roc_auc: rocAuc(labels, probabilities),
  };
}
