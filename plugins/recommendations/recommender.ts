import { topKIndices } from '../../core/ml/top-k.js';
import type { Json } from '../plugin.js';
import type { ItemNeighbours } from './item-neighbours.js';

/** The model families a recommender can be. */
export const RECOMMENDER_MODELS = ['popularity', 'item_cf', 'ease'] as const;
export type RecommenderModel = (typeof RECOMMENDER_MODELS)[number];

/** Which recent purchases are not recommended again. */
export interface RepeatPolicy {
  /** Recommend items the customer already bought, however recently. */
  allowRepeat: boolean;
  /** Otherwise, items bought within this many days before `now` are left out. */
  repeatWindowDays: number;
}

/** Everything a recommender needs to score, as plain JSON. */
export interface RecommenderState {
  model: RecommenderModel;
  params: Record<string, number>;
  items: string[];
  names: string[];
  /** Item indices, most customers first: the cold-start list and the filler. */
  popular: number[];
  neighbours: ItemNeighbours | null;
  policy: RepeatPolicy;
}

/** One customer's recommendations, best first. */
export interface Recommendation {
  items: string[];
  names: string[];
  /** False when the list is the popularity fallback alone (a customer with no history). */
  personalised: boolean;
  /** The model score of the first item (0 for the fallback). */
  topScore: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Recommends items from purchase histories: a neighbour model, topped up by popularity. */
export class Recommender {
  private readonly index: Map<string, number>;

  constructor(readonly state: RecommenderState) {
    this.index = new Map(state.items.map((item, i) => [item, i]));
  }

  static fromJSON(json: RecommenderState): Recommender {
    return new Recommender(json);
  }

  toJSON(): Json {
    return this.state as unknown as Json;
  }

  /**
   * The top `n` items for a customer whose purchases are `history` (item id → time of the
   * latest purchase). Items bought within the repeat window before `now` are left out.
   */
  recommend(history: ReadonlyMap<string, number>, now: number, n: number): Recommendation {
    const { neighbours, policy, popular } = this.state;
    const known = [...history].flatMap(([item, time]) => {
      const i = this.index.get(item);
      return i === undefined ? [] : [{ i, time }];
    });
    const windowStart = now - policy.repeatWindowDays * DAY_MS;
    const excluded = new Set(
      policy.allowRepeat ? [] : known.filter((k) => k.time >= windowStart).map((k) => k.i),
    );

    const chosen: number[] = [];
    let topScore = 0;
    if (neighbours !== null && known.length > 0) {
      const scores = new Float64Array(this.state.items.length);
      for (const { i } of known) {
        const ids = neighbours.ids[i] ?? [];
        const weights = neighbours.weights[i] ?? [];
        ids.forEach((j, position) => {
          scores[j] = (scores[j] as number) + (weights[position] as number);
        });
      }
      const top = topKIndices(scores, n, (j) => excluded.has(j) || (scores[j] as number) <= 0);
      chosen.push(...top);
      topScore = top.length > 0 ? (scores[top[0] as number] as number) : 0;
    }

    for (const i of popular) {
      if (chosen.length >= n) break;
      if (!excluded.has(i) && !chosen.includes(i)) chosen.push(i);
    }
    return {
      items: chosen.map((i) => this.state.items[i] as string),
      names: chosen.map((i) => this.state.names[i] as string),
      personalised: known.length > 0,
      topScore,
    };
  }
}

/**
 * Why `item` is recommended after `history`: the name of the bought item that points to it
 * most strongly in the neighbour model, or null when nothing bought does (a popular item).
 */
export function strongestReason(
  state: RecommenderState,
  history: ReadonlyMap<string, number>,
  item: string,
): string | null {
  const target = state.items.indexOf(item);
  if (state.neighbours === null || target < 0) return null;

  let best: { name: string; weight: number } | null = null;
  for (const bought of [...history.keys()].sort()) {
    const i = state.items.indexOf(bought);
    const position = i < 0 ? -1 : (state.neighbours.ids[i] ?? []).indexOf(target);
    const weight = position < 0 ? 0 : (state.neighbours.weights[i]?.[position] ?? 0);
    if (weight > 0 && (best === null || weight > best.weight)) {
      best = { name: state.names[i] ?? bought, weight };
    }
  }
  return best?.name ?? null;
}

/** Item → time of the latest purchase, by item id, from an index-keyed history. */
export function historyByItemId(
  history: ReadonlyMap<number, number>,
  items: readonly string[],
): Map<string, number> {
  return new Map([...history].map(([i, time]) => [items[i] as string, time]));
}
