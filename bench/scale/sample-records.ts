import type { CrmRecord } from '../../core/records/crm-record.js';
import type { BenchRun } from './bench-run.js';

/**
 * An even sample of about `size` stored customers (every k-th by id), read in batches so only
 * the sample stays in memory. Ids follow creation order and customers were generated
 * independently of it, so every k-th record is as good as a random draw.
 */
export async function sampleRecords(run: BenchRun, size: number): Promise<CrmRecord[]> {
  const { store, connectionId } = run.context;
  const live = await store.records.count(connectionId, 'contacts');
  const step = Math.max(1, Math.floor(live / size));
  const sample: CrmRecord[] = [];

  let index = 0;
  for await (const batch of store.records.iterate(connectionId, 'contacts', { batchSize: 5_000 })) {
    for (const record of batch) {
      if (index % step === 0 && sample.length < size) sample.push(record);
      index += 1;
    }
    if (sample.length >= size) break;
  }
  return sample;
}
