import type { IdfTable } from './idf-table.js';
import { withoutNegation } from './negation.js';
import { isStopWord } from './stop-words.js';

/** A term and its TF-IDF weight. */
export interface Keyword {
  term: string;
  weight: number;
}

/** Content terms of a token list: negation marks removed, stop words and symbols dropped. */
export function contentTerms(tokens: readonly string[]): string[] {
  return tokens.map(withoutNegation).filter((token) => !isStopWord(token));
}

function topKeywords(weights: Map<string, number>, k: number): Keyword[] {
  return [...weights]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, k);
}

/**
 * The `k` terms of one document with the highest TF-IDF weight under `idf`; ties are
 * broken alphabetically so the result never depends on token order.
 */
export function documentKeywords(tokens: readonly string[], idf: IdfTable, k = 5): Keyword[] {
  return topKeywords(idf.vector(contentTerms(tokens)), k);
}

/**
 * The `k` terms that best characterise a set of documents: each document's TF-IDF vector
 * (unit length, so long texts do not dominate) summed over the set.
 */
export function corpusKeywords(
  documents: readonly (readonly string[])[],
  idf: IdfTable,
  k = 10,
): Keyword[] {
  const total = new Map<string, number>();
  for (const tokens of documents) {
    for (const [term, weight] of idf.vector(contentTerms(tokens))) {
      total.set(term, (total.get(term) ?? 0) + weight);
    }
  }
  return topKeywords(total, k);
}
