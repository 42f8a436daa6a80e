/** Precision, recall and F1 of one class, and how many test tickets had it. */
export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Figures of multi-class predictions. */
export interface ClassificationReport {
  accuracy: number;
  /** The unweighted mean F1 over the classes that occur in the labels or the predictions. */
  macro_f1: number;
  per_class: Record<string, ClassFigures>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Accuracy, macro F1 and per-class figures of `predicted` against `actual` class indices. */
export function classificationReport(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: readonly string[],
): ClassificationReport {
  const K = classes.length;
  const truePositives = new Float64Array(K);
  const predictedCounts = new Float64Array(K);
  const actualCounts = new Float64Array(K);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) {
    const [y, p] = [actual[i] ?? 0, predicted[i] ?? 0];
    actualCounts[y] = (actualCounts[y] ?? 0) + 1;
    predictedCounts[p] = (predictedCounts[p] ?? 0) + 1;
    if (y === p) {
      truePositives[y] = (truePositives[y] ?? 0) + 1;
      correct++;
    }
  }

  const per_class: Record<string, ClassFigures> = {};
  let f1Sum = 0;
  let counted = 0;
  classes.forEach((name, k) => {
    const tp = truePositives[k] ?? 0;
    const support = actualCounts[k] ?? 0;
    const precision = ratio(tp, predictedCounts[k] ?? 0);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * tp, support + (predictedCounts[k] ?? 0));
    per_class[name] = { precision, recall, f1, support };
    if (support + (predictedCounts[k] ?? 0) > 0) {
      f1Sum += f1;
      counted++;
    }
  });
  return { accuracy: ratio(correct, actual.length), macro_f1: ratio(f1Sum, counted), per_class };
}
