import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { OutboxItem, Store } from '../../../core/store/index.js';
import { uniqueConnectionId } from './fixtures.js';

function item(connectionId: string, recordId: string, scoredAt: string, score = 0.5): OutboxItem {
  return {
    connectionId,
    objectType: 'contacts',
    recordId,
    pluginId: 'churn',
    values: { crm_ml_churn_score: score, crm_ml_churn_reason: 'Kündigung 📉' },
    modelVersion: 1,
    scoredAt,
  };
}

const T1 = '2024-06-01T00:00:00.000Z';
const T2 = '2024-06-02T00:00:00.000Z';
const T3 = '2024-06-03T00:00:00.000Z';

/** Write-back outbox: supersede, stale-never-overwrites-fresh, failures, last written. */
export function outboxSuite(getStore: () => Store): void {
  describe('outbox', () => {
    test('enqueue returns pending entries, handed out oldest first', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();

      const entries = await outbox.enqueue([item(conn, 'a', T1), item(conn, 'b', T1)]);
      const later = await outbox.enqueue([item(conn, 'c', T1)]);

      assert.deepEqual(
        entries.map((e) => [e.recordId, e.status, e.attempts]),
        [
          ['a', 'pending', 0],
          ['b', 'pending', 0],
        ],
      );
      assert.deepEqual(entries[0]?.values, {
        crm_ml_churn_score: 0.5,
        crm_ml_churn_reason: 'Kündigung 📉',
      });
      const pending = await outbox.pending(conn, { limit: 10 });
      assert.deepEqual(
        pending.map((e) => e.id),
        [...entries, ...later].map((e) => e.id),
      );
      assert.deepEqual(
        (await outbox.pending(conn, { limit: 2 })).map((e) => e.recordId),
        ['a', 'b'],
      );
      assert.equal((await outbox.pending(conn, { limit: 10, objectType: 'deals' })).length, 0);
    });

    test('only the newest entry per record and plugin stays pending', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();

      const [old] = await outbox.enqueue([item(conn, 'a', T1, 0.1)]);
      const [fresh] = await outbox.enqueue([item(conn, 'a', T2, 0.2)]);
      // Arriving late with an older score: superseded on arrival.
      const [late] = await outbox.enqueue([item(conn, 'a', T1, 0.3)]);
      const other = await outbox.enqueue([{ ...item(conn, 'a', T1), pluginId: 'segments' }]);

      assert.equal(late?.status, 'superseded');
      const pending = await outbox.pending(conn, { limit: 10 });
      assert.deepEqual(
        pending.map((e) => e.id),
        [fresh?.id, other[0]?.id],
      );
      assert.notEqual(old?.id, undefined);
      assert.deepEqual(await outbox.counts(conn), {
        pending: 2,
        written: 0,
        superseded: 2,
        failed: 0,
      });
    });

    test('a stale write never overwrites fresh state', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();

      // A worker took the old entry before the fresh one superseded it.
      const [stale] = await outbox.enqueue([item(conn, 'a', T1, 0.1)]);
      const [fresh] = await outbox.enqueue([item(conn, 'a', T2, 0.2)]);
      assert.ok(stale && fresh);

      assert.equal(await outbox.markWritten([fresh.id], '2024-06-05T00:00:00Z'), 1);
      assert.equal(await outbox.markWritten([stale.id], '2024-06-06T00:00:00Z'), 1);

      const state = await outbox.lastWritten(conn, 'contacts', 'churn', ['a', 'unknown']);
      assert.deepEqual([...state.keys()], ['a']);
      assert.deepEqual(state.get('a'), {
        values: { crm_ml_churn_score: 0.2, crm_ml_churn_reason: 'Kündigung 📉' },
        modelVersion: 1,
        scoredAt: T2,
        writtenAt: '2024-06-05T00:00:00.000Z',
      });

      // The stale write reached the CRM last, so the fresh values are queued again.
      const [repair, ...others] = await outbox.pending(conn, { limit: 10 });
      assert.deepEqual(others, []);
      assert.deepEqual([repair?.scoredAt, repair?.values['crm_ml_churn_score']], [T2, 0.2]);
      assert.equal(await outbox.markWritten([repair?.id ?? -1], '2024-06-07T00:00:00Z'), 1);
      assert.equal((await outbox.pending(conn, { limit: 10 })).length, 0, 'no repair of a repair');

      // Scored before what the CRM already holds: never handed out.
      const [older] = await outbox.enqueue([item(conn, 'a', T1, 0.9)]);
      assert.equal(older?.status, 'superseded');
      assert.equal((await outbox.pending(conn, { limit: 10 })).length, 0);

      const [newer] = await outbox.enqueue([{ ...item(conn, 'a', T3, 0.4), modelVersion: 2 }]);
      await outbox.markWritten([newer?.id ?? -1, newer?.id ?? -1], T3);
      const updated = await outbox.lastWritten(conn, 'contacts', 'churn', ['a']);
      assert.deepEqual([updated.get('a')?.modelVersion, updated.get('a')?.scoredAt], [2, T3]);
      assert.equal(await outbox.markWritten([newer?.id ?? -1], T3), 0);
    });

    test('retryable failures stay pending with an attempt count; others fail', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();
      const [a, b] = await outbox.enqueue([item(conn, 'a', T1), item(conn, 'b', T1)]);
      assert.ok(a && b);

      const throttled = { code: 'rate_limited', message: '429 from CRM', retryable: true };
      await outbox.markFailed([a.id], throttled);
      await outbox.markFailed([a.id], throttled);
      await outbox.markFailed([b.id], {
        code: 'invalid_property',
        message: 'no such field',
        retryable: false,
      });

      const pending = await outbox.pending(conn, { limit: 10 });
      assert.deepEqual(
        pending.map((e) => [e.recordId, e.attempts]),
        [['a', 2]],
      );
      assert.deepEqual(pending[0]?.lastError, { code: 'rate_limited', message: '429 from CRM' });
      assert.deepEqual(await outbox.counts(conn), {
        pending: 1,
        written: 0,
        superseded: 0,
        failed: 1,
      });
      assert.equal(await outbox.markFailed([b.id], throttled), 0);
      assert.equal(await outbox.markWritten([b.id], T2), 0);
    });

    test('enqueueBatch supersedes older pending entries and yields to later ones', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();
      const [older] = await outbox.enqueue([item(conn, 'a', T1, 0.1)]);
      // Another worker, its clock ahead, queued b for a later time than the batch below.
      const [later] = await outbox.enqueue([item(conn, 'b', T3, 0.2)]);
      const values = [{ crm_ml_churn_score: 0.3 }, { crm_ml_churn_score: 0.4 }, { x: 'ü' }];

      const counts = await outbox.enqueueBatch({
        connectionId: conn,
        objectType: 'contacts',
        pluginId: 'churn',
        modelVersion: 2,
        scoredAt: T2,
        recordIds: ['a', 'b', 'c'],
        values: values.map((v) => JSON.stringify(v)),
      });

      assert.deepEqual(counts, { enqueued: 3, superseded: 2 });
      const pending = await outbox.pending(conn, { limit: 10 });
      assert.deepEqual(
        pending.map((e) => [e.recordId, e.scoredAt, e.modelVersion, e.values]),
        [
          ['b', T3, 1, item(conn, 'b', T3, 0.2).values],
          ['a', T2, 2, values[0]],
          ['c', T2, 2, values[2]],
        ],
      );
      assert.equal(pending[0]?.id, later?.id);
      assert.ok(pending.every((e) => e.id !== older?.id));
      assert.deepEqual(await outbox.counts(conn), {
        pending: 3,
        written: 0,
        superseded: 2,
        failed: 0,
      });
      const encoded = await outbox.lastWrittenEncoded(conn, 'contacts', 'churn', ['a']);
      assert.equal(encoded.size, 0);
    });

    test('forgetWritten drops one plugin and type of a connection, and nothing else', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();
      const other = uniqueConnectionId();
      const entries = await outbox.enqueue([
        item(conn, 'a', T1),
        item(conn, 'b', T1),
        { ...item(conn, 'a', T1), pluginId: 'segments' },
        { ...item(conn, 'a', T1), objectType: 'deals' },
        item(other, 'a', T1),
      ]);
      await outbox.markWritten(
        entries.map((entry) => entry.id),
        T2,
      );

      assert.equal(await outbox.forgetWritten(conn, 'contacts', 'churn'), 2);
      assert.equal((await outbox.lastWritten(conn, 'contacts', 'churn', ['a', 'b'])).size, 0);
      assert.equal((await outbox.lastWritten(conn, 'contacts', 'segments', ['a'])).size, 1);
      assert.equal((await outbox.lastWritten(conn, 'deals', 'churn', ['a'])).size, 1);
      assert.equal((await outbox.lastWritten(other, 'contacts', 'churn', ['a'])).size, 1);
      assert.equal(await outbox.forgetWritten(conn, 'contacts', 'churn'), 0);
    });

    test('large batches and lastWritten over many ids', async () => {
      const { outbox } = getStore();
      const conn = uniqueConnectionId();
      const items = Array.from({ length: 3_000 }, (_, i) => item(conn, `r${i}`, T1, i));

      const entries = await outbox.enqueue(items);
      assert.equal(entries.length, 3_000);
      assert.equal(
        await outbox.markWritten(
          entries.map((e) => e.id),
          T2,
        ),
        3_000,
      );

      const ids = items.map((i) => i.recordId);
      const state = await outbox.lastWritten(conn, 'contacts', 'churn', ids);
      assert.equal(state.size, 3_000);
      assert.equal(state.get('r2999')?.values['crm_ml_churn_score'], 2_999);
      const encoded = await outbox.lastWrittenEncoded(conn, 'contacts', 'churn', ids);
      assert.equal(encoded.size, 3_000);
      assert.deepEqual(encoded.get('r7'), {
        values: JSON.stringify(items[7]?.values),
        scoredAt: T1,
      });
      assert.equal((await outbox.lastWritten(conn, 'contacts', 'other', ids)).size, 0);
    });
  });
}
