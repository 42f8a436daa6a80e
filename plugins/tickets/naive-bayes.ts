import type { IdfTable } from '../../core/text/idf-table.js';

/**
 * Multinomial naive Bayes on the counts of the same n-gram vocabulary (Laplace smoothing,
 * α = 1, the textbook default): the honest text-classification baseline beside which the
 * logistic model has to earn its keep.
 */
export class NaiveBayesBaseline {
  private constructor(
    private readonly idf: IdfTable,
    private readonly logPriors: Float64Array,
    /** log P(term | class), term-major: `logLikelihoods[j·K + k]`. */
    private readonly logLikelihoods: Float64Array,
  ) {}

  /** Fits on tickets' n-gram terms and their class indices, over `idf`'s kept terms. */
  static fit(
    terms: readonly (readonly string[])[],
    labels: Int32Array,
    classes: number,
    idf: IdfTable,
  ): NaiveBayesBaseline {
    const V = idf.size;
    const counts = new Float64Array(V * classes);
    const totals = new Float64Array(classes);
    const tickets = new Float64Array(classes);
    terms.forEach((ticket, i) => {
      const y = labels[i] ?? 0;
      tickets[y] = (tickets[y] ?? 0) + 1;
      for (const term of ticket) {
        const j = idf.indexOf(term);
        if (j === undefined) continue;
        counts[j * classes + y] = (counts[j * classes + y] ?? 0) + 1;
        totals[y] = (totals[y] ?? 0) + 1;
      }
    });

    const logPriors = tickets.map((n) => Math.log((n + 1) / (terms.length + classes)));
    const logLikelihoods = counts.map((count, index) => {
      const k = index % classes;
      return Math.log((count + 1) / ((totals[k] ?? 0) + V));
    });
    return new NaiveBayesBaseline(idf, logPriors, logLikelihoods);
  }

  /** The most probable class index of a ticket's terms. */
  predict(terms: readonly string[]): number {
    const K = this.logPriors.length;
    const scores = Float64Array.from(this.logPriors);
    for (const term of terms) {
      const j = this.idf.indexOf(term);
      if (j === undefined) continue;
      for (let k = 0; k < K; k++)
        scores[k] = (scores[k] ?? 0) + (this.logLikelihoods[j * K + k] ?? 0);
    }
    let best = 0;
    for (let k = 1; k < K; k++) if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
    return best;
  }
}
