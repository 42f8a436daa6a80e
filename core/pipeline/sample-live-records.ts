import { SeededRandom } from '../ml/random.js';
import type { CrmRecord } from '../records/crm-record.js';

/**
 * A uniform sample of at most `limit` records from a stream of batches, holding no more than
 * `limit` records at any time (reservoir sampling), so training memory does not grow with
 * the portal. With `limit` or fewer records every one is kept; the sample is returned in
 * stream order either way, so the same seed and records give the same training rows.
 */
export async function sampleRecords(
  batches: AsyncIterable<readonly CrmRecord[]>,
  limit: number,
  seed: number,
): Promise<{ sample: CrmRecord[]; seen: number }> {
  const random = new SeededRandom(seed);
  const kept: { index: number; record: CrmRecord }[] = [];
  let seen = 0;

  for await (const batch of batches) {
    for (const record of batch) {
      if (kept.length < limit) {
        kept.push({ index: seen, record });
      } else {
        // Record number `seen` replaces a kept one with probability limit / (seen + 1).
        const slot = random.nextInt(seen + 1);
        if (slot < limit) kept[slot] = { index: seen, record };
      }
      seen += 1;
    }
  }
  kept.sort((a, b) => a.index - b.index);
  return { sample: kept.map((entry) => entry.record), seen };
}
