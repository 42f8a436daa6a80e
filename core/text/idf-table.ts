import { CrmMlError } from '../errors/crm-ml-error.js';
import { countTerms, normaliseVector, type SparseVector } from './sparse-vector.js';

/** An IDF table as JSON: the corpus size and each kept term's document frequency. */
export interface IdfTableJson {
  documents: number;
  terms: string[];
  documentFrequencies: number[];
}

/** A TF-IDF vector over the table's terms by their position: what linear models read. */
export interface IndexedVector {
  indices: Int32Array;
  values: Float64Array;
}

/** Options of `IdfTable.fit`. */
export interface IdfFitOptions {
  /** Terms in fewer documents are dropped (default 1). */
  minDocuments?: number;
  /** Only this many of the most frequent terms are kept (default 20,000), bounding size. */
  maxTerms?: number;
}

const DEFAULT_MAX_TERMS = 20_000;

/**
 * Inverse document frequencies of a corpus, smoothed as idf = ln((1 + N) / (1 + df)) + 1,
 * so a term never seen in the corpus gets the largest weight and a term in every document
 * still counts a little.
 */
export class IdfTable {
  private positions: Map<string, number> | undefined;

  private constructor(
    readonly documents: number,
    private readonly frequencies: ReadonlyMap<string, number>,
  ) {}

  /** Counts in how many of `documents` (token lists) each term occurs. */
  static fit(documents: readonly (readonly string[])[], options: IdfFitOptions = {}): IdfTable {
    const frequencies = new Map<string, number>();
    for (const tokens of documents) {
      for (const term of new Set(tokens)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }

    // Most frequent first, ties alphabetical, so the kept set never depends on input order.
    const kept = [...frequencies]
      .filter(([, df]) => df >= (options.minDocuments ?? 1))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, options.maxTerms ?? DEFAULT_MAX_TERMS);
    return new IdfTable(documents.length, new Map(kept));
  }

  static fromJSON(json: IdfTableJson): IdfTable {
    if (json.terms.length !== json.documentFrequencies.length) {
      throw new CrmMlError('text_idf_json_invalid', 'IDF table terms and frequencies differ');
    }
    const pairs = json.terms.map((term, i): [string, number] => [
      term,
      json.documentFrequencies[i] ?? 0,
    ]);
    return new IdfTable(json.documents, new Map(pairs));
  }

  /** The number of distinct terms kept. */
  get size(): number {
    return this.frequencies.size;
  }

  /** True when `term` was kept from the corpus. */
  has(term: string): boolean {
    return this.frequencies.has(term);
  }

  /** The smoothed IDF of `term`; unseen terms get the rarest weight. */
  idf(term: string): number {
    const df = this.frequencies.get(term) ?? 0;
    return Math.log((1 + this.documents) / (1 + df)) + 1;
  }

  /** Sublinear TF-IDF (1 + ln tf) · idf of a token list, L2-normalised. */
  vector(tokens: readonly string[]): SparseVector {
    const weights: SparseVector = new Map();
    for (const [term, count] of countTerms(tokens)) {
      weights.set(term, (1 + Math.log(count)) * this.idf(term));
    }
    return normaliseVector(weights);
  }

  /** The position of `term` among the kept terms (the order of `toJSON().terms`). */
  indexOf(term: string): number | undefined {
    this.positions ??= new Map([...this.frequencies.keys()].map((key, i) => [key, i]));
    return this.positions.get(term);
  }

  /**
   * Sublinear TF-IDF of the kept terms of a token list, L2-normalised over those terms only
   * (unknown terms carry no weight a model could use), by term position in ascending order.
   */
  indexedVector(tokens: readonly string[]): IndexedVector {
    const entries: [number, number][] = [];
    let squares = 0;
    for (const [term, count] of countTerms(tokens)) {
      const index = this.indexOf(term);
      if (index === undefined) continue;
      const value = (1 + Math.log(count)) * this.idf(term);
      entries.push([index, value]);
      squares += value * value;
    }
    entries.sort((a, b) => a[0] - b[0]);

    const norm = Math.sqrt(squares) || 1;
    return {
      indices: Int32Array.from(entries, (entry) => entry[0]),
      values: Float64Array.from(entries, (entry) => entry[1] / norm),
    };
  }

  toJSON(): IdfTableJson {
    return {
      documents: this.documents,
      terms: [...this.frequencies.keys()],
      documentFrequencies: [...this.frequencies.values()],
    };
  }
}
