import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { loadConfig } from '../../../core/config/index.js';
import { populationStability, scoreReference } from '../../../core/ml/population-stability.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import { isDrift } from '../../../core/pipeline/score-drift.js';
import { scoreRecords, type ScoreSummary } from '../../../core/pipeline/score-records.js';
import { trainModels } from '../../../core/pipeline/train-models.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { openStore, type Store } from '../../../core/store/index.js';
import type { Plugin, SavedModel, TrainedModel } from '../../../plugins/plugin.js';

const CONNECTION = 'drift-test';
const RECORDS = 1_000;

/** A plugin whose score is the record's `level` property: the data's shift is the score's. */
function levelPlugin(): Plugin {
  const model = (): TrainedModel => ({
    metrics: { roc_auc: 0.5 },
    save: (): SavedModel => ({
      pluginId: 'level',
      config: {},
      weights: {},
      metrics: { roc_auc: 0.5 },
    }),
    score: async (records) =>
      records.map((record) => {
        const score = Number(record.properties['level']);
        return { recordId: record.id, score, values: { crm_ml_level: score } };
      }),
  });
  return {
    id: 'level',
    label: 'Level',
    objectType: 'contacts',
    fields: [{ name: 'crm_ml_level', label: 'Level', description: 'level', type: 'number' }],
    train: async () => model(),
    load: async () => model(),
  };
}

// A fixed pseudo-random sequence, so the shares and the PSI are the same every run.
function levels(count: number, from: number, to: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return from + ((to - from) * state) / 2 ** 31;
  });
}

function contacts(values: readonly number[], at: string): CrmRecord[] {
  return values.map((level, index) => ({
    id: String(index + 1),
    objectType: 'contacts',
    properties: { level },
    updatedAt: at,
    archived: false,
  }));
}

describe('retraining on drift of the score distribution (PSI)', () => {
  let store: Store;
  let context: PipelineContext;
  let clock = Date.parse('2024-06-01T00:00:00.000Z');

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    context = {
      store,
      connector: { descriptor: { id: 'test' } } as unknown as Connector,
      connectionId: CONNECTION,
      plugins: [levelPlugin()],
      pluginOptions: {},
      seed: 1,
      now: () => new Date(clock),
    };
    await store.connections.upsert({
      id: CONNECTION,
      crm: 'hubspot',
      label: 'drift',
      settings: {},
    });
  });

  after(() => store.close());

  /** A run as the history keeps it: train, score, and the summary the next run reads. */
  async function run(values: readonly number[]) {
    clock += 60_000;
    const at = new Date(clock).toISOString();
    await store.records.savePage(CONNECTION, 'contacts', {
      records: contacts(values, at),
      deletedIds: [],
      cursor: at,
    });
    const id = await store.runs.start({
      connectionId: CONNECTION,
      kind: 'pipeline',
      startedAt: at,
    });
    const [train] = await trainModels(context);
    const [score] = (await scoreRecords(context)) as [ScoreSummary];
    const summary = JSON.parse(JSON.stringify({ train: [train], score: [score] }));
    await store.runs.finish(id, { status: 'succeeded', summary, finishedAt: at });
    return { train: train!, score };
  }

  it('keeps the model while the distribution holds, and retrains the run after it shifts', async () => {
    const first = await run(levels(RECORDS, 0, 1, 1));
    assert.equal(first.train.trained, true);
    assert.ok(first.score.psi !== undefined && first.score.psi < 0.01, `psi ${first.score.psi}`);
    assert.equal(first.score.drifted, false);

    // The same population again (fresh draws): stable, so the fresh model stays.
    const same = await run(levels(RECORDS, 0, 1, 2));
    assert.equal(same.train.trained, false);
    assert.ok(same.score.psi! < 0.1, `stable psi ${same.score.psi}`);
    assert.equal(same.score.drifted, false);

    // Most customers move to the top of the range: a major shift.
    const shifted = await run(levels(RECORDS, 0.6, 1, 3));
    assert.equal(shifted.train.trained, false, 'drift is found in the score stage, after training');
    assert.ok(shifted.score.psi! > 0.25, `shifted psi ${shifted.score.psi}`);
    assert.equal(shifted.score.drifted, true);

    const next = await run(levels(RECORDS, 0.6, 1, 4));
    assert.equal(next.train.trained, true, 'the next run retrains although the model is fresh');
    assert.equal(next.train.driftPsi, shifted.score.psi);
    assert.equal(next.train.version, 2);
    assert.ok(next.score.psi! < 0.1, 'the new version is measured against its own training data');
  });

  it('uses the configured threshold', () => {
    const reference = scoreReference(levels(RECORDS, 0, 1, 5))!;
    const counts = reference.shares.map((_, bin) => (bin < 5 ? 60 : 140));
    const psi = populationStability(reference, counts);
    assert.ok(psi > 0.1 && psi < 0.25, `a moderate shift: ${psi}`);
    const strict = { ...context, driftPsi: 0.1 };
    assert.equal(isDrift(context, psi), false);
    assert.equal(isDrift(strict, psi), true);
    assert.equal(loadConfig({ CRM_ML_DRIFT_PSI: '0.1' }).driftPsi, 0.1);
    assert.equal(loadConfig({}).driftPsi, 0.25);
  });
});
