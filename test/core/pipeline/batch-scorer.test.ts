import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import { BatchScorer } from '../../../core/pipeline/batch-scorer.js';
import { encodeScores } from '../../../core/pipeline/encoded-scores.js';
import { ScoringPool } from '../../../core/pipeline/scoring-pool.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import type { TrainedModel } from '../../../plugins/plugin.js';
import { readTelcoRecords } from '../../plugins/churn/telco-fixture.js';
import { storedRow } from './stored-row.js';

const logger = createLogger('test.batch-scorer');
const plugin = createChurnPlugin();

/** The real model, counting the batches it scored on this thread. */
function counted(model: TrainedModel): { model: TrainedModel; batches: () => number } {
  let batches = 0;
  const wrapper: TrainedModel = {
    ...model,
    save: () => model.save(),
    score: (records, related) => {
      batches++;
      return model.score(records, related);
    },
  };
  return { model: wrapper, batches: () => batches };
}

describe('BatchScorer', () => {
  let records: CrmRecord[];
  let model: TrainedModel;
  let pool: ScoringPool;

  before(async () => {
    records = readTelcoRecords().slice(0, 800);
    const options = { target: 'churn', positive: 'Yes', families: ['logistic'] };
    model = await plugin.train(records.slice(0, 400), { logger, seed: 7, options });
    const saved = JSON.parse(JSON.stringify(model.save())) as Parameters<typeof plugin.load>[0];
    pool = await ScoringPool.start(plugin.id, plugin.scoreWorker ?? '', saved, 1);
  });

  after(() => pool.close());

  const batchesOf = (size: number) =>
    Array.from({ length: records.length / size }, (_, i) =>
      records.slice(i * size, (i + 1) * size),
    );

  it('scores on this thread until the threads have started', async () => {
    let ready: (value: ScoringPool) => void = () => undefined;
    const starting = new Promise<ScoringPool>((resolve) => (ready = resolve));
    const local = counted(model);
    const scorer = new BatchScorer(local.model, new Map(), starting, 1);
    const [first, second] = batchesOf(200);

    const early = await scorer.score((first ?? []).map(storedRow));
    assert.equal(local.batches(), 1);
    ready(pool);
    await starting;
    const late = await scorer.score((second ?? []).map(storedRow));

    assert.equal(local.batches(), 1, 'the second batch went to the started thread');
    assert.deepEqual(early, encodeScores(await model.score(first ?? [])));
    assert.deepEqual(late, encodeScores(await model.score(second ?? [])));
  });

  it('scores here the batches the threads have no room for, with the same results', async () => {
    const local = counted(model);
    const scorer = new BatchScorer(local.model, new Map(), Promise.resolve(pool), 1);
    await new Promise((resolve) => setImmediate(resolve));
    const batches = batchesOf(100);

    const shared = await Promise.all(batches.map((batch) => scorer.score(batch.map(storedRow))));
    const inThread = await Promise.all(
      batches.map(async (batch) => encodeScores(await model.score(batch))),
    );

    assert.deepEqual(shared, inThread);
    assert.ok(local.batches() > 0, 'some batches were scored on this thread');
    assert.ok(local.batches() < batches.length, 'some batches went to the thread');
  });

  it('stores every batch in read order, with the scores of this thread alone', async () => {
    const local = counted(model);
    const scorer = new BatchScorer(local.model, new Map(), Promise.resolve(pool), 1);
    const batches = batchesOf(50);
    async function* rows() {
      for (const batch of batches) yield batch.map(storedRow);
    }

    const stored: string[][] = [];
    const values: string[] = [];
    await scorer.scoreAll(
      rows(),
      () => new Date(),
      async ({ batch }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        stored.push(batch.recordIds);
        values.push(...batch.values);
      },
    );

    const expected = encodeScores(await model.score(records));
    assert.deepEqual(
      stored,
      batches.map((batch) => batch.map((record) => record.id)),
    );
    assert.deepEqual(values, expected.values);
  });

  it('scores every batch here without threads', async () => {
    const local = counted(model);
    const scorer = new BatchScorer(local.model, new Map(), null, 2);
    const batches = batchesOf(400);
    for (const batch of batches) await scorer.score(batch.map(storedRow));
    assert.equal(local.batches(), batches.length);
  });
});
