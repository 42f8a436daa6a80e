import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { OutboxItem, Store } from '../../../core/store/index.js';
import { storeBackends } from '../../helpers/store-backends.js';
import { uniqueConnectionId } from './fixtures.js';

function items(connectionId: string, count: number, scoredAt: string): OutboxItem[] {
  return Array.from({ length: count }, (_, index) => ({
    connectionId,
    objectType: 'contacts',
    recordId: `r${index}`,
    pluginId: 'churn',
    values: { crm_ml_churn_score: index },
    modelVersion: 1,
    scoredAt,
  }));
}

const T1 = '2024-06-01T00:00:00.000Z';
const T2 = '2024-06-02T00:00:00.000Z';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of storeBackends().filter((b) => b.persistent)) {
  describe(`outbox claims (${backend.name})`, () => {
    let store: Store;
    let second: Store;

    before(async () => {
      await backend.setup();
      store = await backend.open();
      second = await backend.open();
    });

    after(async () => {
      await second.close();
      await store.close();
      await backend.teardown();
    });

    test('two workers never get the same entry', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 10, T1));

      const a = await store.outbox.claim(conn, 'worker-a', 4, 60_000);
      const b = await store.outbox.claim(conn, 'worker-b', 10, 60_000);
      const none = await store.outbox.claim(conn, 'worker-c', 10, 60_000);

      assert.equal(a.length, 4);
      assert.equal(b.length, 6);
      assert.equal(none.length, 0);
      assert.equal(new Set([...a, ...b].map((e) => e.id)).size, 10);
      assert.equal((await store.outbox.foreignClaims(conn, 'worker-a')).count, 6);
    });

    test('concurrent claims from two connections to the database split the entries', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 300, T1));

      const rounds = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? store : second).outbox.claim(conn, `w${i}`, 60, 60_000),
        ),
      );
      const ids = rounds.flat().map((e) => e.id);
      assert.equal(ids.length, new Set(ids).size, 'no entry claimed twice');
    });

    test("a dead worker's claims return once its lease runs out", async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 3, T1));

      assert.equal((await store.outbox.claim(conn, 'dead', 3, 50)).length, 3);
      assert.equal((await store.outbox.claim(conn, 'alive', 3, 60_000)).length, 0);
      await sleep(80);
      assert.equal((await store.outbox.claim(conn, 'alive', 3, 60_000)).length, 3);
    });

    test('a renewed lease holds past its first expiry; a lapsed one is not renewed', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 4, T1));
      const held = (await store.outbox.claim(conn, 'sender', 2, 300)).map((e) => e.id);
      const lapsing = (await store.outbox.claim(conn, 'frozen', 2, 300)).map((e) => e.id);

      await sleep(200);
      const renewed = await store.outbox.renewClaims(held, 'sender', 300);
      assert.deepEqual([...renewed].sort(), [...held].sort());
      assert.deepEqual(await store.outbox.renewClaims(held, 'someone-else', 300), []);
      await sleep(200);
      // The sender's entries are still its own; the frozen worker's lease ran out.
      const taken = await second.outbox.claim(conn, 'other', 4, 60_000);
      assert.deepEqual(taken.map((e) => e.id).sort(), [...lapsing].sort());
      assert.deepEqual(await store.outbox.renewClaims(lapsing, 'frozen', 300), []);
    });

    test('a retryable failure releases the claim; a written entry is never claimed again', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 2, T1));
      const [first, other] = await store.outbox.claim(conn, 'a', 2, 60_000);
      assert.ok(first && other);

      await store.outbox.markFailed([first.id], {
        code: 'http_503',
        message: 'x',
        retryable: true,
      });
      await store.outbox.markWritten([other.id], T2);
      const again = await store.outbox.claim(conn, 'b', 10, 60_000);
      assert.deepEqual(
        again.map((e) => [e.id, e.attempts]),
        [[first.id, 1]],
      );
    });

    test('a superseded or stale entry is not handed out', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 1, T1));
      const [old] = await store.outbox.claim(conn, 'slow', 1, 60_000);
      await store.outbox.enqueue(items(conn, 1, T2));

      // The slow worker still holds the record: the fresh entry waits for it.
      assert.equal((await store.outbox.claim(conn, 'fast', 10, 60_000)).length, 0);
      assert.equal((await store.outbox.foreignClaims(conn, 'fast')).count, 1);

      // Rechecked right before sending, the stale entry is dropped and the record let go.
      assert.deepEqual([...(await store.outbox.stillFresh([old?.id ?? 0]))], []);
      const fresh = await store.outbox.claim(conn, 'fast', 10, 60_000);
      assert.equal(fresh.length, 1);
      assert.equal(fresh[0]?.scoredAt, T2);
      assert.notEqual(fresh[0]?.id, old?.id);
      assert.deepEqual([...(await store.outbox.stillFresh([fresh[0]?.id ?? 0]))], [fresh[0]?.id]);
    });

    test('a stale write marked after the fresh one queues the fresh values again', async () => {
      const conn = uniqueConnectionId();
      await store.outbox.enqueue(items(conn, 1, T1));
      const [old] = await store.outbox.claim(conn, 'stalled', 1, 50);
      await store.outbox.enqueue(items(conn, 1, T2).map((i) => ({ ...i, values: { s: 2 } })));
      await sleep(80);
      const [fresh] = await store.outbox.claim(conn, 'fast', 10, 60_000);
      assert.ok(old && fresh);

      // The stalled worker's write reached the CRM after the fresh one: the CRM holds stale
      // values while what it last got from us, by scoring time, is the fresh ones.
      await store.outbox.markWritten([fresh.id], T2);
      await store.outbox.markWritten([old.id], T2);
      const state = await store.outbox.lastWritten(conn, 'contacts', 'churn', ['r0']);
      assert.equal(state.get('r0')?.scoredAt, T2);
      const [repair, ...more] = await store.outbox.pending(conn, { limit: 10 });
      assert.deepEqual(more, []);
      assert.deepEqual([repair?.scoredAt, repair?.values], [T2, { s: 2 }]);
    });

    test('two live claims never cover one record', async () => {
      const conn = uniqueConnectionId();
      const churn = items(conn, 40, T1);
      const segments = churn.map((i) => ({ ...i, pluginId: 'segments' }));
      await store.outbox.enqueue([...churn, ...segments]);

      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? store : second).outbox.claim(conn, `w${i}`, 7, 60_000),
        ),
      );
      const owner = new Map<string, string>();
      rounds.forEach((entries, i) => {
        for (const entry of entries) {
          const held = owner.get(entry.recordId);
          assert.ok(held === undefined || held === `w${i}`, `${entry.recordId} claimed twice`);
          owner.set(entry.recordId, `w${i}`);
        }
      });
    });
  });
}
