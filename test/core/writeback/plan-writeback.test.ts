import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { encodeScores } from '../../../core/pipeline/encoded-scores.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { planWriteback } from '../../../core/writeback/plan-writeback.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';

const CONNECTION = 'plan-writeback';
const T1 = '2024-06-01T00:00:00.000Z';
const T2 = '2024-06-02T00:00:00.000Z';
const T3 = '2024-06-03T00:00:00.000Z';
const plugin = createChurnPlugin();

describe('planWriteback', () => {
  let store: Store;
  let context: PipelineContext;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    context = {
      store,
      connector: {} as Connector,
      connectionId: CONNECTION,
      plugins: [plugin],
      pluginOptions: {},
      seed: 1,
      now: () => new Date(T2),
    };
    // What the CRM holds: `same` and `reordered` from T1, `ahead` from a later run at T3.
    const entries = await store.outbox.enqueue(
      [
        ['same', { crm_ml_churn_score: 40, crm_ml_churn_risk: 'medium' }, T1],
        ['reordered', { crm_ml_churn_risk: 'low', crm_ml_churn_score: 10 }, T1],
        ['changed', { crm_ml_churn_score: 70, crm_ml_churn_risk: 'high' }, T1],
        ['ahead', { crm_ml_churn_score: 5, crm_ml_churn_risk: 'low' }, T3],
      ].map(([recordId, values, scoredAt]) => ({
        connectionId: CONNECTION,
        objectType: 'contacts' as const,
        recordId: recordId as string,
        pluginId: plugin.id,
        values: values as Record<string, number | string>,
        modelVersion: 1,
        scoredAt: scoredAt as string,
      })),
    );
    await store.outbox.markWritten(
      entries.map((entry) => entry.id),
      T3,
    );
  });

  after(() => store.close());

  it('queues new and changed values only, never values older than the CRM holds', async () => {
    const batch = encodeScores([
      {
        recordId: 'same',
        score: 0.4,
        values: { crm_ml_churn_score: 40, crm_ml_churn_risk: 'medium' },
      },
      {
        recordId: 'reordered',
        score: 0.1,
        values: { crm_ml_churn_score: 10, crm_ml_churn_risk: 'low' },
      },
      {
        recordId: 'changed',
        score: 0.2,
        values: { crm_ml_churn_score: 20, crm_ml_churn_risk: 'low' },
      },
      {
        recordId: 'ahead',
        score: 0.9,
        values: { crm_ml_churn_score: 90, crm_ml_churn_risk: 'high' },
      },
      { recordId: 'new', score: 0.3, values: { crm_ml_churn_score: 30, crm_ml_churn_risk: 'low' } },
    ]);

    const planned = await planWriteback(context, plugin, 2, batch, T2);

    assert.equal(planned.queued, 2);
    assert.deepEqual(
      planned.changes().map((change) => [change.recordId, change.values, change.previous]),
      [
        [
          'changed',
          { crm_ml_churn_score: 20, crm_ml_churn_risk: 'low' },
          { score: null, values: { crm_ml_churn_score: 70, crm_ml_churn_risk: 'high' } },
        ],
        ['new', { crm_ml_churn_score: 30, crm_ml_churn_risk: 'low' }, null],
      ],
    );
    const pending = await store.outbox.pending(CONNECTION, { limit: 10 });
    assert.deepEqual(
      pending.map((entry) => [entry.recordId, entry.modelVersion, entry.scoredAt]),
      [
        ['changed', 2, T2],
        ['new', 2, T2],
      ],
    );
  });
});
