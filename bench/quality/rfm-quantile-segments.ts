/**
 * The baseline segmentation marketers use without a model: each customer's RFM score (the
 * mean of their percentile ranks in recency — recent is high —, frequency and spend) cut into
 * `k` equally large groups. Fitted on some customers, it assigns any customer by where their
 * values fall among those.
 */
export class RfmQuantileSegments {
  private constructor(
    private readonly sorted: number[][],
    private readonly cuts: number[],
    private readonly recencyColumn: number,
  ) {}

  /** Learns the percentile scales and the k − 1 cut points from `rows` (features in order). */
  static fit(
    rows: readonly (readonly number[])[],
    recencyColumn: number,
    k: number,
  ): RfmQuantileSegments {
    const columns = (rows[0] ?? []).length;
    const sorted = Array.from({ length: columns }, (_, j) =>
      rows.map((row) => row[j] ?? 0).sort((x, y) => x - y),
    );
    const unfitted = new RfmQuantileSegments(sorted, [], recencyColumn);
    const scores = rows.map((row) => unfitted.score(row)).sort((x, y) => x - y);
    const cuts = Array.from(
      { length: k - 1 },
      (_, c) => scores[Math.floor(((c + 1) * scores.length) / k)] ?? 0,
    );
    return new RfmQuantileSegments(sorted, cuts, recencyColumn);
  }

  /** The segment (0 … k − 1, higher is more valuable) of one row. */
  assign(row: readonly number[]): number {
    const score = this.score(row);
    return this.cuts.filter((cut) => score >= cut).length;
  }

  private score(row: readonly number[]): number {
    const ranks = this.sorted.map((values, j) => {
      const rank = upperBound(values, row[j] ?? 0) / Math.max(1, values.length);
      return j === this.recencyColumn ? 1 - rank : rank;
    });
    return ranks.reduce((sum, rank) => sum + rank, 0) / Math.max(1, ranks.length);
  }
}

// How many of the sorted values are at most `value`.
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
