import type { SentimentTrend } from './sentiment-fields.js';

/** One scored text of a customer. */
export interface ScoredText {
  /** Sentiment in [−1, 1]. */
  score: number;
  /** When it was written, epoch milliseconds. */
  time: number;
}

/** How a customer's texts are combined. */
export interface AggregationSettings {
  halfLifeDays: number;
  windowDays: number;
  trendMinTexts: number;
  trendThreshold: number;
}

const DAY_MS = 86_400_000;

/**
 * Recency-weighted mean score: a text `halfLifeDays` old weighs half as much as one written
 * at `now`, so a complaint last week outweighs praise two months ago. Texts dated after
 * `now` (clock skew) count as written now.
 */
export function weightedMeanScore(texts: readonly ScoredText[], now: number, halfLifeDays: number) {
  let sum = 0;
  let weights = 0;
  for (const text of texts) {
    const ageDays = Math.max(0, now - text.time) / DAY_MS;
    const weight = 0.5 ** (ageDays / halfLifeDays);
    sum += weight * text.score;
    weights += weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

/**
 * The trend of a customer's scores: the least-squares slope of score on time (unweighted),
 * scaled to the change it implies across the whole window. A change of at least
 * `trendThreshold` is improving or worsening; fewer than `trendMinTexts` texts, or texts
 * all written on one day, are `stable` because no slope can be trusted.
 */
export function sentimentTrend(
  texts: readonly ScoredText[],
  settings: AggregationSettings,
): SentimentTrend {
  if (texts.length < settings.trendMinTexts) return 'stable';
  const days = texts.map((t) => t.time / DAY_MS);
  const meanDay = days.reduce((a, b) => a + b, 0) / days.length;
  const meanScore = texts.reduce((a, t) => a + t.score, 0) / texts.length;

  let covariance = 0;
  let variance = 0;
  texts.forEach((text, i) => {
    const dx = (days[i] ?? 0) - meanDay;
    covariance += dx * (text.score - meanScore);
    variance += dx * dx;
  });
  const spanDays = Math.max(...days) - Math.min(...days);
  if (spanDays < 1 || variance === 0) return 'stable';

  const change = (covariance / variance) * settings.windowDays;
  if (change >= settings.trendThreshold) return 'improving';
  return change <= -settings.trendThreshold ? 'worsening' : 'stable';
}
