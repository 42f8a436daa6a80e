/** A sparse vector keyed by term. */
export type SparseVector = Map<string, number>;

/** The Euclidean length of `vector`. */
export function vectorNorm(vector: SparseVector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

/** `vector` scaled to unit length (an all-zero vector stays as it is). */
export function normaliseVector(vector: SparseVector): SparseVector {
  const norm = vectorNorm(vector);
  if (norm === 0) return new Map(vector);
  return new Map([...vector].map(([term, value]) => [term, value / norm]));
}

/** The dot product of two sparse vectors (iterates the smaller one). */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, value] of small) sum += value * (large.get(term) ?? 0);
  return sum;
}

/** Term counts of a token list. */
export function countTerms(tokens: readonly string[]): SparseVector {
  const counts: SparseVector = new Map();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
