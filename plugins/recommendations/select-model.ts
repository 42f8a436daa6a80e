import type { Logger } from '../../core/logging/logger.js';
import type { OrderLine } from '../../core/ml/order-lines.js';
import { fitRecommender, type ModelSpec } from './fit-recommender.js';
import { evaluateRanking, rankingTask, type RankingFigures } from './ranking-evaluation.js';
import type { RecommenderModel, RepeatPolicy } from './recommender.js';

/** The candidates tried on the inner validation window. */
export interface ModelChoice {
  /** The spec with the best validation NDCG. */
  best: ModelSpec;
  /** The best spec of each family, for side-by-side evaluation. */
  perFamily: Map<RecommenderModel, ModelSpec>;
  validation: { spec: ModelSpec; figures: RankingFigures }[];
  warnings: string[];
}

// EASE's ridge strength in units of "customers": small values trust co-purchases of rare
// items, large ones shrink towards nothing. A log grid covers small shops to large ones.
export const EASE_LAMBDAS = [5, 25, 125, 625];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every spec in the search space of the given families. */
export function candidateSpecs(families: readonly RecommenderModel[]): ModelSpec[] {
  return families.flatMap((model): ModelSpec[] => {
    if (model === 'ease') return EASE_LAMBDAS.map((lambda) => ({ model, params: { lambda } }));
    return [{ model, params: {} }];
  });
}

/**
 * Chooses the model on the last `validationDays` of the training purchases (fit on what came
 * before), by NDCG at `k`. Without validation customers it falls back to popularity, the one
 * model that needs no evidence of co-purchases.
 */
export function selectModel(
  purchases: readonly OrderLine[],
  families: readonly RecommenderModel[],
  policy: RepeatPolicy,
  options: { validationDays: number; k: number; logger: Logger },
): ModelChoice {
  const end = purchases.reduce((latest, line) => Math.max(latest, line.time), -Infinity);
  const cutoff = end - options.validationDays * DAY_MS;
  const inner = purchases.filter((line) => line.time < cutoff);
  const task = rankingTask(purchases, cutoff);

  const perFamily = new Map<RecommenderModel, ModelSpec>();
  if (task.relevant.size === 0 || inner.length === 0) {
    for (const spec of candidateSpecs(families)) perFamily.set(spec.model, spec);
    return {
      best: { model: 'popularity', params: {} },
      perFamily,
      validation: [],
      warnings: ['no customers to validate on: popularity chosen'],
    };
  }

  const validation = candidateSpecs(families).map((spec) => {
    const started = Date.now();
    const figures = evaluateRanking(fitRecommender(inner, spec, policy), task, options.k);
    options.logger.debug({ spec, figures, ms: Date.now() - started }, 'validated');
    return { spec, figures };
  });

  const bestOf = (entries: typeof validation): ModelSpec =>
    entries.reduce((a, b) => (b.figures.ndcg_at_10 > a.figures.ndcg_at_10 ? b : a)).spec;
  for (const family of families) {
    const entries = validation.filter((entry) => entry.spec.model === family);
    if (entries.length > 0) perFamily.set(family, bestOf(entries));
  }
  return { best: bestOf(validation), perFamily, validation, warnings: [] };
}
