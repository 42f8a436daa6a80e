/** What a polarity lexicon finds in one text. */
export interface LexiconSums {
  /** Sum of the positive valences found (≥ 0). */
  positive: number;
  /** Sum of the magnitudes of the negative valences found (≥ 0). */
  negative: number;
  /** How many words or phrases of the lexicon matched. */
  matched: number;
}

/** The net valence of a lexicon match: positive minus negative. */
export function netValence(sums: LexiconSums): number {
  return sums.positive - sums.negative;
}
