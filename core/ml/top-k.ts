/**
 * Indices of the k largest finite scores, largest first; ties go to the lower index so the
 * order never depends on the engine's sort. Entries where `skip(index)` is true are left out.
 */
export function topKIndices(
  scores: ArrayLike<number>,
  k: number,
  skip?: (index: number) => boolean,
): number[] {
  if (k <= 0) return [];
  // A small sorted buffer beats a full sort when k is far below the number of scores.
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const value = scores[i] as number;
    if (!Number.isFinite(value) || skip?.(i)) continue;
    if (best.length === k && value <= (scores[best[k - 1] as number] as number)) continue;

    let position = best.length;
    while (position > 0 && (scores[best[position - 1] as number] as number) < value) position--;
    best.splice(position, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
