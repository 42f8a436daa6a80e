import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { encodeScores } from '../../../core/pipeline/encoded-scores.js';
import {
  packRows,
  packScores,
  unpackRows,
  unpackScores,
} from '../../../core/pipeline/score-batch-codec.js';
import type { RecordRow } from '../../../core/store/record-rows.js';
import { toCrmRecord } from '../../../core/store/record-rows.js';

const rows: RecordRow[] = [
  {
    id: '1"a',
    object_type: 'contacts',
    properties: JSON.stringify({ name: '王小明 📉', tenure: 3, note: 'a\u0000b', empty: null }),
    associations: JSON.stringify({ companies: ['9'] }),
    updated_at: '2024-06-01T00:00:00.000Z',
    archived: 0,
  },
  {
    id: '2',
    object_type: 'contacts',
    properties: '{}',
    associations: null,
    updated_at: '2024-06-02T00:00:00.000Z',
    archived: 1,
  },
];

describe('score batch codec', () => {
  it('gives the scoring thread the records toCrmRecord would', () => {
    assert.deepEqual(unpackRows(packRows(rows)), rows.map(toCrmRecord));
    assert.deepEqual(unpackRows(packRows([])), []);
  });

  it('brings scores back to their rows, values with NULs and unicode intact', () => {
    const records = unpackRows(packRows(rows));
    // The model skipped the first record and scored the second.
    const encoded = encodeScores([{ recordId: '2', score: 0.25, values: { why: 'x\u0000y 王' } }]);

    const unpacked = unpackScores(
      rows.map((row) => row.id),
      packScores(records, encoded),
    );

    assert.deepEqual(unpacked.recordIds, ['2']);
    assert.deepEqual([...unpacked.scores], [0.25]);
    assert.deepEqual(JSON.parse(unpacked.values[0] ?? ''), { why: 'x\u0000y 王' });
    assert.deepEqual(
      unpackScores(
        rows.map((row) => row.id),
        packScores(records, encodeScores([])),
      ).values,
      [],
    );
  });

  it('refuses a score for a record that was not in the batch', () => {
    const encoded = encodeScores([{ recordId: 'elsewhere', score: 0.5, values: {} }]);
    assert.throws(() => packScores(unpackRows(packRows(rows)), encoded), /record elsewhere/);
  });
});
