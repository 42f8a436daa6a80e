import { CrmMlError } from '../errors/crm-ml-error.js';
import { SeededRandom } from '../ml/random.js';
import { dot, normaliseVector, type SparseVector } from './sparse-vector.js';

/** One topic: a label made of its top terms and the centroid it is matched by. */
export interface Topic {
  /** Its top terms joined by " / ", e.g. `delivery / late / cold`. */
  label: string;
  terms: string[];
  /** Documents assigned to it when it was fitted. */
  size: number;
  centroid: SparseVector;
}

/** A topic model as JSON: centroids cut to their strongest terms. */
export interface TopicModelJson {
  topics: { label: string; terms: string[]; size: number; centroid: [string, number][] }[];
}

/** Options of `TopicModel.fit`. */
export interface TopicFitOptions {
  k: number;
  seed: number;
  /** Terms in a topic's label (default 3). */
  labelTerms?: number;
  maxIterations?: number;
}

// Centroids keep this many terms when saved: enough to match documents, small to store.
const SAVED_CENTROID_TERMS = 50;

function chooseSeeds(vectors: SparseVector[], k: number, rng: SeededRandom): SparseVector[] {
  // k-means++ on cosine distance: each next seed is drawn in proportion to its distance.
  const seeds = [vectors[rng.nextInt(vectors.length)] as SparseVector];
  while (seeds.length < k) {
    const distances = vectors.map((v) => Math.max(0, 1 - Math.max(...seeds.map((s) => dot(v, s)))));
    const total = distances.reduce((a, b) => a + b, 0);
    if (total === 0) break;
    let pick = rng.next() * total;
    let index = 0;
    while (index < distances.length - 1 && pick >= (distances[index] ?? 0)) {
      pick -= distances[index] ?? 0;
      index++;
    }
    seeds.push(vectors[index] as SparseVector);
  }
  return seeds;
}

function nearest(vector: SparseVector, centroids: readonly SparseVector[]): number {
  let best = 0;
  let bestSimilarity = -Infinity;
  centroids.forEach((centroid, i) => {
    const similarity = dot(vector, centroid);
    if (similarity > bestSimilarity) [best, bestSimilarity] = [i, similarity];
  });
  return best;
}

function meanDirection(members: readonly SparseVector[]): SparseVector {
  const sum: SparseVector = new Map();
  for (const member of members) {
    for (const [term, value] of member) sum.set(term, (sum.get(term) ?? 0) + value);
  }
  return normaliseVector(sum);
}

function topTerms(centroid: SparseVector, n: number): [string, number][] {
  return [...centroid]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n);
}

/**
 * Topics of a set of documents by spherical k-means (cosine similarity) on unit TF-IDF
 * vectors, seeded k-means++; each topic is labelled by the heaviest terms of its centroid.
 */
export class TopicModel {
  constructor(readonly topics: readonly Topic[]) {}

  /** Clusters `vectors` (unit TF-IDF vectors; empty ones are ignored) into ≤ k topics. */
  static fit(vectors: readonly SparseVector[], options: TopicFitOptions): TopicModel {
    const usable = vectors.filter((v) => v.size > 0);
    if (usable.length === 0) return new TopicModel([]);
    const k = Math.max(1, Math.min(options.k, usable.length));
    const rng = new SeededRandom(options.seed);
    let centroids = chooseSeeds(usable, k, rng);
    let assignment = usable.map((v) => nearest(v, centroids));

    for (let iteration = 0; iteration < (options.maxIterations ?? 30); iteration++) {
      centroids = centroids.map((centroid, c) => {
        const members = usable.filter((_, i) => assignment[i] === c);
        return members.length > 0 ? meanDirection(members) : centroid;
      });
      const next = usable.map((v) => nearest(v, centroids));
      const changed = next.some((c, i) => c !== assignment[i]);
      assignment = next;
      if (!changed) break;
    }

    const labelTerms = options.labelTerms ?? 3;
    const topics = centroids
      .map((centroid, c): Topic => {
        const terms = topTerms(centroid, labelTerms).map(([term]) => term);
        const size = assignment.filter((a) => a === c).length;
        const kept = new Map(topTerms(centroid, SAVED_CENTROID_TERMS));
        return { label: terms.join(' / '), terms, size, centroid: kept };
      })
      .filter((topic) => topic.size > 0)
      .sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : 1));
    return new TopicModel(topics);
  }

  static fromJSON(json: TopicModelJson): TopicModel {
    if (!Array.isArray(json.topics)) {
      throw new CrmMlError('text_topics_json_invalid', 'Saved topic model has no topics list');
    }
    return new TopicModel(
      json.topics.map((t) => ({ ...t, terms: [...t.terms], centroid: new Map(t.centroid) })),
    );
  }

  /** The index of the topic closest to `vector`, or -1 when it shares no term with any. */
  assign(vector: SparseVector): number {
    if (this.topics.length === 0) return -1;
    const index = nearest(
      vector,
      this.topics.map((t) => t.centroid),
    );
    return dot(vector, this.topics[index]?.centroid ?? new Map()) > 0 ? index : -1;
  }

  toJSON(): TopicModelJson {
    return {
      topics: this.topics.map((t) => ({
        label: t.label,
        terms: [...t.terms],
        size: t.size,
        centroid: [...t.centroid],
      })),
    };
  }
}
