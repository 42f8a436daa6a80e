import type { OrderLine } from '../../core/ml/order-lines.js';
import { hitAtK, ndcgAtK, recallAtK } from '../../core/ml/ranking-metrics.js';
import type { Recommender } from './recommender.js';

/** Mean top-k figures of one recommender over the customers of a test window. */
export interface RankingFigures {
  ndcg_at_10: number;
  hit_rate_at_10: number;
  recall_at_10: number;
  /** Distinct items recommended to the test customers / items in the catalogue. */
  coverage: number;
  customers: number;
}

/** What a test window holds: each customer's history before it and what they bought in it. */
export interface RankingTask {
  histories: Map<string, Map<string, number>>;
  relevant: Map<string, Set<string>>;
  /** The start of the window: "now" for the recommendations. */
  cutoff: number;
}

/**
 * Splits purchases at `cutoff` for an evaluation of the window [cutoff, end): customers
 * count when they bought in the window and also before it (others are cold-start cases that
 * every model serves with the same popularity list).
 */
export function rankingTask(
  purchases: readonly OrderLine[],
  cutoff: number,
  end = Infinity,
): RankingTask {
  const histories = new Map<string, Map<string, number>>();
  const relevant = new Map<string, Set<string>>();
  for (const line of purchases) {
    const item = line.item as string;
    if (line.time < cutoff) {
      let history = histories.get(line.customer);
      if (!history) histories.set(line.customer, (history = new Map()));
      history.set(item, Math.max(history.get(item) ?? -Infinity, line.time));
    } else if (line.time < end) {
      let items = relevant.get(line.customer);
      if (!items) relevant.set(line.customer, (items = new Set()));
      items.add(item);
    }
  }
  for (const customer of [...relevant.keys()]) {
    if (!histories.has(customer)) relevant.delete(customer);
  }
  return { histories, relevant, cutoff };
}

/** Scores a recommender on a task with lists of `k` items. */
export function evaluateRanking(
  recommender: Recommender,
  task: RankingTask,
  k: number,
): RankingFigures {
  let ndcg = 0;
  let hits = 0;
  let recall = 0;
  const recommended = new Set<string>();
  const customers = [...task.relevant.keys()].sort();

  for (const customer of customers) {
    const relevant = task.relevant.get(customer) as Set<string>;
    const history = task.histories.get(customer) ?? new Map<string, number>();
    const { items } = recommender.recommend(history, task.cutoff, k);
    items.forEach((item) => recommended.add(item));
    ndcg += ndcgAtK(items, relevant, k);
    hits += hitAtK(items, relevant, k);
    recall += recallAtK(items, relevant, k);
  }

  const count = customers.length;
  return {
    ndcg_at_10: count > 0 ? ndcg / count : Number.NaN,
    hit_rate_at_10: count > 0 ? hits / count : Number.NaN,
    recall_at_10: count > 0 ? recall / count : Number.NaN,
    coverage: recommended.size / Math.max(1, recommender.state.items.length),
    customers: count,
  };
}
