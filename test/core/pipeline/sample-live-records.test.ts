import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sampleRecords } from '../../../core/pipeline/sample-live-records.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';

function record(index: number): CrmRecord {
  return {
    id: String(index),
    objectType: 'contacts',
    properties: {},
    updatedAt: '2024-01-01T00:00:00.000Z',
    archived: false,
  };
}

async function* batches(count: number, size: number): AsyncGenerator<CrmRecord[]> {
  for (let start = 0; start < count; start += size) {
    yield Array.from({ length: Math.min(size, count - start) }, (_, i) => record(start + i));
  }
}

describe('sampleRecords', () => {
  it('keeps every record, in stream order, when there are no more than the limit', async () => {
    const { sample, seen } = await sampleRecords(batches(250, 100), 250, 1);
    assert.equal(seen, 250);
    assert.deepEqual(
      sample.map((r) => Number(r.id)),
      Array.from({ length: 250 }, (_, i) => i),
    );
  });

  it('keeps the limit, in stream order, the same for the same seed', async () => {
    const first = await sampleRecords(batches(10_000, 700), 500, 7);
    const again = await sampleRecords(batches(10_000, 700), 500, 7);
    const ids = first.sample.map((r) => Number(r.id));

    assert.equal(first.seen, 10_000);
    assert.equal(ids.length, 500);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
    assert.deepEqual(
      again.sample.map((r) => Number(r.id)),
      ids,
    );
  });

  it('draws evenly from the whole stream, not mostly from its start', async () => {
    const { sample } = await sampleRecords(batches(20_000, 1_000), 2_000, 3);
    const late = sample.filter((r) => Number(r.id) >= 10_000).length;
    // Half the stream lies past 10,000: a uniform sample puts 1,000 ± ~70 (3 sd) there.
    assert.ok(Math.abs(late - 1_000) < 70, `${late} of 2,000 from the second half`);
  });
});
