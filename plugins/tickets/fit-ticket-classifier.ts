import { stratifiedClassSplit } from '../../core/ml/stratified-class-split.js';
import { IdfTable, type IndexedVector } from '../../core/text/idf-table.js';
import { fitSoftmaxRegression, type SoftmaxFit } from './softmax-regression.js';
import { TicketClassifier } from './ticket-classifier.js';

/**
 * Penalties tried, heaviest first so each fit starts from the previous one's solution. The
 * range brackets sklearn's default C = 1 for ten thousand to a million tickets (λ = 1/(C·n)).
 */
export const L2_GRID = [3e-5, 1e-5, 3e-6, 1e-6];
// Each penalty on the path starts from the last one's solution, so few iterations suffice.
const PATH_ITERATIONS = 25;
const FINAL_ITERATIONS = 60;
/** Share of the training tickets set aside to choose λ by their log loss. */
export const VALIDATION_SHARE = 0.1;

/** Settings of one classifier fit. */
export interface TicketFitOptions {
  description: string;
  /** The class names, indexed by the labels. */
  classes: readonly string[];
  seed: number;
  /** One key per ticket (record id or a hash of the row), so splits ignore row order. */
  keys: readonly string[];
  classWeight: 'balanced' | 'none';
  /** N-grams in fewer training tickets are left out (they cannot generalise). */
  minDocuments: number;
  /** At most this many n-grams are kept, the most frequent ones; bounds the model size. */
  maxTerms: number;
  /** A fixed penalty; chosen on a validation split of the training tickets when absent. */
  l2?: number;
  /** A classifier of the same classes to start from, its weights matched by term. */
  warmStart?: TicketClassifier;
}

/** A fitted classifier and how its penalty was chosen. */
export interface TicketFit {
  classifier: TicketClassifier;
  l2: number;
  /** Validation log loss per penalty tried (empty when λ was given). */
  validation: { l2: number; log_loss: number }[];
}

const pick = <T>(items: readonly T[], indices: readonly number[]): T[] =>
  indices.map((i) => items[i] as T);

// 4 significant digits, as stored: the model in memory scores exactly as its saved copy.
const round = (value: number): number => Number(value.toPrecision(4));

/** `from`'s weights laid out for `idf`'s terms (zero for terms it lacks), then its intercepts. */
function startFrom(from: TicketClassifier, idf: IdfTable, classes: number): Float64Array {
  const theta = new Float64Array((idf.size + 1) * classes);
  const terms = idf.toJSON().terms;
  terms.forEach((term, j) => {
    const i = from.idf.indexOf(term);
    if (i === undefined) return;
    for (let k = 0; k < classes; k++) theta[j * classes + k] = from.theta[i * classes + k] ?? 0;
  });
  const intercepts = from.theta.subarray(from.idf.size * classes);
  theta.set(intercepts, idf.size * classes);
  return theta;
}

/** Per-ticket weights: each class's total weight equal (balanced) or every ticket 1. */
export function sampleWeights(labels: Int32Array, classes: number, mode: 'balanced' | 'none') {
  const counts = new Float64Array(classes);
  for (const y of labels) counts[y] = (counts[y] ?? 0) + 1;
  const present = counts.filter((count) => count > 0).length;
  return Float64Array.from(labels, (y) =>
    mode === 'none' ? 1 : labels.length / (present * (counts[y] ?? 1)),
  );
}

function validationLogLoss(
  fit: SoftmaxFit,
  classifier: (theta: Float64Array) => TicketClassifier,
  terms: readonly (readonly string[])[],
  labels: Int32Array,
  weights: Float64Array,
): number {
  const model = classifier(fit.theta);
  let loss = 0;
  let total = 0;
  terms.forEach((ticket, i) => {
    const p = model.predict(ticket).probabilities[labels[i] ?? 0] ?? 0;
    loss -= (weights[i] ?? 1) * Math.log(Math.max(p, 1e-15));
    total += weights[i] ?? 1;
  });
  return loss / total;
}

/**
 * Fits a `TicketClassifier`: the IDF table and vocabulary from `terms` (pruned by document
 * frequency), then softmax regression with the penalty chosen by weighted log loss on a
 * stratified 10 % of these tickets (fitted on the other 90 %), and a final fit on all of
 * them with that penalty, warm-started from the chosen solution.
 */
export function fitTicketClassifier(
  terms: readonly (readonly string[])[],
  labels: Int32Array,
  options: TicketFitOptions,
): TicketFit {
  const K = options.classes.length;
  const idf = IdfTable.fit(terms, {
    minDocuments: options.minDocuments,
    maxTerms: options.maxTerms,
  });
  const rows: IndexedVector[] = terms.map((ticket) => idf.indexedVector(ticket));
  const counts = Array.from({ length: K }, (_, k) => labels.filter((y) => y === k).length);
  const base = { dimension: idf.size, classes: K };
  const classifier = (theta: Float64Array, l2: number) =>
    new TicketClassifier(options.description, options.classes, counts, idf, theta, l2, {});

  let l2 = options.l2;
  let start =
    options.warmStart && options.warmStart.classes.join('\n') === options.classes.join('\n')
      ? startFrom(options.warmStart, idf, K)
      : undefined;
  const validation: TicketFit['validation'] = [];
  if (l2 === undefined) {
    const split = stratifiedClassSplit(labels, VALIDATION_SHARE, options.seed + 1, options.keys);
    const trainLabels = Int32Array.from(pick([...labels], split.train));
    const testLabels = Int32Array.from(pick([...labels], split.test));
    const trainWeights = sampleWeights(trainLabels, K, options.classWeight);
    const testWeights = sampleWeights(testLabels, K, options.classWeight);
    let best: { l2: number; loss: number; theta: Float64Array } | undefined;
    let previous: Float64Array | undefined;
    for (const candidate of L2_GRID) {
      const fit = fitSoftmaxRegression(pick(rows, split.train), trainLabels, {
        ...base,
        l2: candidate,
        sampleWeights: trainWeights,
        maxIterations: PATH_ITERATIONS,
        ...(previous ? { start: previous } : {}),
      });
      previous = fit.theta;
      const loss = validationLogLoss(
        fit,
        (theta) => classifier(theta, candidate),
        pick(terms, split.test),
        testLabels,
        testWeights,
      );
      validation.push({ l2: candidate, log_loss: loss });
      if (!best || loss < best.loss) best = { l2: candidate, loss, theta: fit.theta };
      // Validation loss is U-shaped along the path: once past the bottom, lighter is worse.
      else break;
    }
    l2 = best?.l2 ?? L2_GRID[0] ?? 1e-4;
    start = best?.theta;
  }

  const fit = fitSoftmaxRegression(rows, labels, {
    ...base,
    l2,
    sampleWeights: sampleWeights(labels, K, options.classWeight),
    maxIterations: FINAL_ITERATIONS,
    ...(start ? { start } : {}),
  });
  return { classifier: classifier(fit.theta.map(round), l2), l2, validation };
}
