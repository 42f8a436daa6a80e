import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openStore } from '../../../core/store/index.js';
import type { Store } from '../../../core/store/index.js';
import { DeliveryScheduler, WebhookService, emitRunEvents } from '../../../core/webhooks/index.js';
import type { ScoreChange } from '../../../core/webhooks/index.js';
import { SimulatedClock, startSubscriber } from './webhook-test-kit.js';
import type { Subscriber } from './webhook-test-kit.js';

// The subscriber listens on 127.0.0.1: opt in to private webhook destinations.
process.env.CRM_ML_WEBHOOKS_ALLOW_PRIVATE = 'true';

const SUMMARY = {
  runId: 'run-1',
  connectionId: 'c1',
  sync: [],
  provision: { created: [], existing: [] },
  train: [],
  score: [{ pluginId: 'churn', modelVersion: 1, scored: 3, queued: 3 }],
  writeback: { written: 3, failed: 0, deferred: 0, calls: 1, failures: [], sample: [] },
  verify: { checked: 0, matched: 0, mismatches: [] },
  seconds: { score: 0.5 },
} as unknown as RunSummary;

function churn(recordId: string, previous: number | null, score: number): ScoreChange {
  return {
    pluginId: 'churn',
    recordId,
    score,
    values: { crm_ml_churn_score: Math.round(score * 100) },
    previous: previous === null ? null : { score: null, values: { crm_ml_churn_score: previous } },
  };
}

describe('emitRunEvents', () => {
  let store: Store;
  let subscriber: Subscriber;
  const clock = new SimulatedClock(Date.parse('2025-02-03T10:00:00Z'));

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    subscriber = await startSubscriber(() => clock.ms);
  });

  after(async () => {
    await subscriber.close();
    await store.close();
  });

  it('derives score, risk, segment, sentiment and run events, risk per threshold', async () => {
    const service = new WebhookService({ store, clock: clock.now });
    const scheduler = new DeliveryScheduler({ store, clock: clock.now });
    const subscribe = (path: string, riskThreshold: number) =>
      service.subscribe({
        tenantId: 't',
        url: `${subscriber.url}/${path}`,
        events: ['churn.risk_crossed', 'run.completed', 'segment.changed', 'sentiment.negative'],
        riskThreshold,
      });
    await subscribe('low', 0.5);
    await subscribe('high', 0.8);
    await service.subscribe({
      tenantId: 't',
      url: `${subscriber.url}/other`,
      events: ['score.updated'],
      connectionIds: ['c2'],
    });

    const changes: ScoreChange[] = [
      churn('a', 40, 0.6),
      churn('b', 70, 0.9),
      churn('c', null, 0.95),
      {
        pluginId: 'segments',
        recordId: 'd',
        score: 1,
        values: { crm_ml_segment_id: 2, crm_ml_segment: 'loyal' },
        previous: { score: null, values: { crm_ml_segment_id: 1, crm_ml_segment: 'new' } },
      },
      {
        pluginId: 'sentiment',
        recordId: 'e',
        score: -0.7,
        values: { crm_ml_sentiment_label: 'negative', crm_ml_negative_topics: 'billing' },
        previous: null,
      },
    ];
    const emitted = await emitRunEvents(service, SUMMARY, changes);
    assert.ok(emitted >= 6);
    await scheduler.runDue();

    const bodies = (path: string) =>
      subscriber.received
        .filter((r) => r.path === `/${path}`)
        .map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    const riskOf = (path: string) =>
      bodies(path)
        .filter((b) => b.type === 'churn.risk_crossed')
        .flatMap((b) => (b.data['records'] as Array<{ recordId: string }>).map((r) => r.recordId));

    assert.deepEqual(riskOf('low'), ['a']);
    assert.deepEqual(riskOf('high'), ['b']);
    assert.deepEqual(
      bodies('low')
        .map((b) => b.type)
        .sort(),
      ['churn.risk_crossed', 'run.completed', 'segment.changed', 'sentiment.negative'],
    );
    assert.equal(bodies('other').length, 0, 'another connection gets nothing');
  });

  it('emits run.failed for a failed run', async () => {
    const service = new WebhookService({ store, clock: clock.now });
    await service.subscribe({
      tenantId: 't',
      url: `${subscriber.url}/failed`,
      events: ['run.failed'],
    });
    const failed = { runId: 'run-2', connectionId: 'c1', error: 'HubSpot said 401' };
    assert.equal(await emitRunEvents(service, failed, []), 1);
    await new DeliveryScheduler({ store, clock: clock.now }).runDue();
    const [body] = subscriber.received.filter((r) => r.path === '/failed');
    assert.deepEqual(JSON.parse(body?.body ?? '{}').data, { runId: 'run-2', error: failed.error });
  });
});
