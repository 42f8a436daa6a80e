import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { createLogger } from '../../../core/logging/logger.js';
import { encodeScores } from '../../../core/pipeline/encoded-scores.js';
import { ScoringPool } from '../../../core/pipeline/scoring-pool.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import type { SavedModel, TrainedModel } from '../../../plugins/plugin.js';
import { readTelcoRecords } from '../../plugins/churn/telco-fixture.js';
import { storedRow } from './stored-row.js';

const logger = createLogger('test.scoring-pool');
const plugin = createChurnPlugin();

describe('ScoringPool', () => {
  let records: CrmRecord[];
  let model: TrainedModel;
  let saved: SavedModel;
  let pool: ScoringPool;

  before(async () => {
    records = readTelcoRecords().slice(0, 600);
    const options = { target: 'churn', positive: 'Yes', families: ['logistic'] };
    model = await plugin.train(records.slice(0, 400), { logger, seed: 5, options });
    // The store hands threads the model as JSON, so the pool gets it after a round trip.
    saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    pool = await ScoringPool.start(plugin.id, plugin.scoreWorker ?? '', saved, 2);
  });

  after(() => pool.close());

  it('scores stored rows in threads exactly as the model does in this one, batch by batch', async () => {
    const batches = [records.slice(0, 250), records.slice(250, 500), records.slice(500)];
    const threaded = await Promise.all(batches.map((batch) => pool.score(batch.map(storedRow))));
    const inThread = await Promise.all(
      batches.map(async (batch) => encodeScores(await model.score(batch))),
    );
    assert.deepEqual(threaded, inThread);
    const ids = threaded.flatMap((batch) => batch.recordIds);
    assert.deepEqual(
      ids,
      records.map((record) => record.id),
    );
    assert.ok(threaded.every((batch) => batch.values.every((json) => json.includes('crm_ml_'))));
  });

  it('fails to start with score_worker_failed when the module has no load(saved)', async () => {
    const notAWorker = new URL('../../../core/pipeline/score-worker-protocol.ts', import.meta.url);
    await assert.rejects(ScoringPool.start('churn', notAWorker.href, saved, 1), (error) => {
      assert.ok(error instanceof CrmMlError);
      assert.equal(error.code, 'score_worker_failed');
      assert.match(error.message, /exports no load\(saved\) function/);
      return true;
    });
  });
});
