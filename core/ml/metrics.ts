import { CrmMlError } from '../errors/crm-ml-error.js';

/** Binary classification figures for one set of predictions. */
export interface BinaryMetrics {
  roc_auc: number;
  pr_auc: number;
  brier: number;
  log_loss: number;
  lift_top_decile: number;
  accuracy: number;
}

// Probabilities are clipped this far from 0 and 1 so one confident miss cannot give Infinity.
const LOG_LOSS_EPSILON = 1e-15;

function checkInputs(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new CrmMlError(
      'ml_metric_length_mismatch',
      `Metric inputs differ in length: ${labels.length} labels, ${scores.length} scores`,
    );
  }
  if (labels.length === 0) throw new CrmMlError('ml_metric_empty', 'Metric inputs are empty');
}

/** Row indices ordered by score, highest first; ties keep row order. */
export function orderByScoreDesc(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
}

/**
 * ROC AUC as the Mann–Whitney statistic with average ranks, so tied scores count one half.
 * NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));

  let positiveRankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    const value = scores[order[start] ?? 0];
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === value) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      if (labels[order[i] ?? 0] === 1) {
        positiveRankSum += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }

  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision: the sum over score thresholds of precision × gain in recall; rows
 * sharing a score enter together. NaN without positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  const order = orderByScoreDesc(scores);
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPositives++;
  if (totalPositives === 0) return Number.NaN;

  let seen = 0;
  let truePositives = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    const value = scores[order[start] ?? 0];
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === value) end++;
    for (let i = start; i <= end; i++) if (labels[order[i] ?? 0] === 1) truePositives++;
    seen = end + 1;
    const recall = truePositives / totalPositives;
    sum += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    start = end + 1;
  }
  return sum;
}

/** Mean squared difference between probability and outcome. */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkInputs(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += ((probabilities[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return sum / labels.length;
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkInputs(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, probabilities[i] ?? 0));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/**
 * Positive rate among the top-scored tenth (ceil(n/10) rows) divided by the overall rate:
 * 3 means the top decile holds three times the average share of positives.
 */
export function liftTopDecile(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkInputs(labels, scores);
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPositives++;
  if (totalPositives === 0) return Number.NaN;

  const top = orderByScoreDesc(scores).slice(0, Math.ceil(labels.length / 10));
  const topPositives = top.filter((row) => labels[row] === 1).length;
  return topPositives / top.length / (totalPositives / labels.length);
}

/** Share of rows where (probability ≥ 0.5) matches the label. */
export function accuracyAtHalf(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): number {
  checkInputs(labels, probabilities);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (((probabilities[i] ?? 0) >= 0.5 ? 1 : 0) === labels[i]) correct++;
  }
  return correct / labels.length;
}

/** All binary figures at once, for labels in {0, 1} and probabilities in [0, 1]. */
export function binaryMetrics(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): BinaryMetrics {
  return {
    roc_auc: rocAuc(labels, probabilities),
    pr_auc: averagePrecision(labels, probabilities),
    brier: brierScore(labels, probabilities),
    log_loss: logLoss(labels, probabilities),
    lift_top_decile: liftTopDecile(labels, probabilities),
    accuracy: accuracyAtHalf(labels, probabilities),
  };
}
