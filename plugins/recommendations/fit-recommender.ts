import type { OrderLine } from '../../core/ml/order-lines.js';
import { fitEase } from './ease.js';
import { fitItemCf } from './item-cf.js';
import type { ItemNeighbours } from './item-neighbours.js';
import {
  buildCatalogue,
  buildHistories,
  itemLists,
  type PurchaseHistories,
} from './purchase-histories.js';
import { Recommender, type RecommenderModel, type RepeatPolicy } from './recommender.js';

/** A model family with its settings, e.g. `{ model: 'ease', params: { lambda: 50 } }`. */
export interface ModelSpec {
  model: RecommenderModel;
  params: Record<string, number>;
}

// Neighbour lists long enough to fill a top-10 after exclusions from a short history, short
// enough that a saved model of a few thousand items stays a few megabytes.
export const NEIGHBOURS_KEPT = 50;
// The dense item × item solve is quadratic in memory: beyond this many items only the most
// bought ones get neighbours, the rest are reached through popularity.
export const MAX_MODELLED_ITEMS = 4000;
const POPULAR_KEPT = 500;

/** Fits a recommender on purchase lines (returns already removed). */
export function fitRecommender(
  purchases: readonly OrderLine[],
  spec: ModelSpec,
  policy: RepeatPolicy,
): Recommender {
  const catalogue = buildCatalogue(purchases);
  const histories = buildHistories(purchases, catalogue);
  const buyers = buyerCounts(histories, catalogue.items.length);
  const popular = Array.from(buyers.keys())
    .sort((a, b) => (buyers[b] as number) - (buyers[a] as number) || a - b)
    .slice(0, POPULAR_KEPT);

  const neighbours = spec.model === 'popularity' ? null : fitNeighbours(histories, buyers, spec);
  return new Recommender({
    model: spec.model,
    params: { ...spec.params },
    items: catalogue.items,
    names: catalogue.names,
    popular,
    neighbours,
    policy: { ...policy },
  });
}

function buyerCounts(histories: PurchaseHistories, n: number): Float64Array {
  const counts = new Float64Array(n);
  for (const history of histories.values()) {
    for (const item of history.keys()) counts[item] = (counts[item] as number) + 1;
  }
  return counts;
}

function fitNeighbours(
  histories: PurchaseHistories,
  buyers: Float64Array,
  spec: ModelSpec,
): ItemNeighbours {
  // Items bought by one customer carry no co-purchase signal; they only cost solve time.
  const modelled = Array.from(buyers.keys())
    .filter((i) => (buyers[i] as number) >= 2)
    .sort((a, b) => (buyers[b] as number) - (buyers[a] as number) || a - b)
    .slice(0, MAX_MODELLED_ITEMS)
    .sort((a, b) => a - b);
  const local = new Map(modelled.map((item, i) => [item, i]));
  const lists = itemLists(histories)
    .map((items) =>
      Int32Array.from(
        items.filter((i) => local.has(i)),
        (i) => local.get(i) as number,
      ),
    )
    .filter((items) => items.length > 0);

  const n = modelled.length;
  const k = spec.params['neighbours'] ?? NEIGHBOURS_KEPT;
  const fitted =
    spec.model === 'ease'
      ? fitEase(lists, n, spec.params['lambda'] ?? 100, k)
      : fitItemCf(lists, n, k);

  // Back from modelled positions to catalogue indices.
  const ids: number[][] = Array.from({ length: buyers.length }, () => []);
  const weights: number[][] = Array.from({ length: buyers.length }, () => []);
  modelled.forEach((item, i) => {
    ids[item] = (fitted.ids[i] ?? []).map((j) => modelled[j] as number);
    weights[item] = fitted.weights[i] ?? [];
  });
  return { ids, weights };
}
