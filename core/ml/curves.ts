import { orderByScoreDesc } from './metrics.js';

/** One point of a ROC curve: at scores ≥ `threshold`, these false and true positive rates. */
export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/** One bin of a reliability table: predicted against observed positive rate. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  mean_predicted: number;
  observed_rate: number;
}

/**
 * ROC curve points from (0, 0) to (1, 1), one per distinct score, thinned to about
 * `maxPoints` so a chart stays light; the corners are always kept.
 */
export function rocCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  maxPoints = 101,
): RocPoint[] {
  const order = orderByScoreDesc(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;

  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    const value = scores[order[start] ?? 0] ?? 0;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === value) end++;
    for (let i = start; i <= end; i++) {
      if (labels[order[i] ?? 0] === 1) tp++;
      else fp++;
    }
    points.push({
      threshold: value,
      fpr: negatives ? fp / negatives : 0,
      tpr: positives ? tp / positives : 0,
    });
    start = end + 1;
  }

  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)] as RocPoint);
}

/** Reliability table over `bins` equal-width probability bins; empty bins are left out. */
export function calibrationTable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const count = new Array<number>(bins).fill(0);
  const predictedSum = new Array<number>(bins).fill(0);
  const positiveSum = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] ?? 0;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin] = (count[bin] ?? 0) + 1;
    predictedSum[bin] = (predictedSum[bin] ?? 0) + p;
    positiveSum[bin] = (positiveSum[bin] ?? 0) + (labels[i] === 1 ? 1 : 0);
  }

  const table: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n === 0) continue;
    table.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      count: n,
      mean_predicted: (predictedSum[b] ?? 0) / n,
      observed_rate: (positiveSum[b] ?? 0) / n,
    });
  }
  return table;
}
