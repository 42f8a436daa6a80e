import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { CrmRecord, PropertyValue } from '../../../core/records/crm-record.js';
import type { Store } from '../../../core/store/index.js';
import { contact, page, paddedId, sleep, uniqueConnectionId } from './fixtures.js';

const UNICODE = { name: 'Zoë Ñuñez 🚀', city: '東京', note: 'naïve “quotes” \u0000 nul' };

async function collect(iterable: AsyncIterable<CrmRecord[]>): Promise<CrmRecord[][]> {
  const batches: CrmRecord[][] = [];
  for await (const batch of iterable) batches.push(batch);
  return batches;
}

/** savePage, change detection, deletes, atomicity and keyset iteration. */
export function recordSuite(getStore: () => Store): void {
  describe('records', () => {
    test('savePage stores properties, raw payload and cursor; unicode survives', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const records = [contact('1', { ...UNICODE, score: 0.5, vip: true, empty: null })];

      const result = await store.records.savePage(conn, 'contacts', page(records, 'c-1'));

      assert.deepEqual(result, { inserted: 1, updated: 0, unchanged: 0, deleted: 0 });
      assert.deepEqual(await store.records.get(conn, 'contacts', '1'), records[0]);
      assert.equal(await store.cursors.get(conn, 'contacts'), 'c-1');
      assert.equal(await store.records.get(conn, 'contacts', 'missing'), null);
    });

    test('a re-read with the same properties counts as unchanged', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      await store.records.savePage(conn, 'contacts', page([contact('1', { a: 1, b: 'x' })], 'c1'));
      await sleep(5);
      const savedAt = new Date().toISOString();
      await sleep(5);

      // Same properties in another key order and a later CRM timestamp: not a change.
      const reread = contact('1', { b: 'x', a: 1 }, '2024-05-02T00:00:00.000Z');
      const again = await store.records.savePage(conn, 'contacts', page([reread], 'c2'));
      assert.deepEqual(again, { inserted: 0, updated: 0, unchanged: 1, deleted: 0 });
      assert.deepEqual(await store.records.listChangedSince(conn, 'contacts', savedAt), []);
      assert.equal((await store.records.get(conn, 'contacts', '1'))?.updatedAt, reread.updatedAt);

      const changed = contact('1', { a: 2, b: 'x' }, '2024-05-03T00:00:00.000Z');
      const third = await store.records.savePage(conn, 'contacts', page([changed], 'c3'));
      assert.deepEqual(third, { inserted: 0, updated: 1, unchanged: 0, deleted: 0 });
      assert.deepEqual(await store.records.listChangedSince(conn, 'contacts', savedAt), ['1']);
    });

    test('a page repeating one id keeps the last copy', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const twice = [contact('1', { v: 'first' }), contact('1', { v: 'second' })];

      const result = await store.records.savePage(conn, 'contacts', page(twice, 'c1'));

      assert.equal(result.inserted, 1);
      assert.deepEqual((await store.records.get(conn, 'contacts', '1'))?.properties, {
        v: 'second',
      });
    });

    test('deletedIds archive records; count and iterate skip them unless asked', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const records = ['1', '2', '3'].map((id) => contact(id, { n: id }));
      await store.records.savePage(conn, 'contacts', page(records, 'c1'));
      await sleep(5);
      const before = new Date().toISOString();
      await sleep(5);

      const result = await store.records.savePage(conn, 'contacts', page([], 'c2', ['2', 'nope']));

      assert.deepEqual(result, { inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
      assert.equal(await store.records.count(conn, 'contacts'), 2);
      assert.equal(await store.records.count(conn, 'contacts', { includeArchived: true }), 3);
      assert.equal((await store.records.get(conn, 'contacts', '2'))?.archived, true);
      assert.deepEqual(await store.records.listChangedSince(conn, 'contacts', before), ['2']);

      const live = (await collect(store.records.iterate(conn, 'contacts'))).flat();
      assert.deepEqual(
        live.map((r) => r.id),
        ['1', '3'],
      );
      const all = await collect(store.records.iterate(conn, 'contacts', { includeArchived: true }));
      assert.equal(all.flat().length, 3);

      const repeat = await store.records.savePage(conn, 'contacts', page([], 'c3', ['2']));
      assert.equal(repeat.deleted, 0);
    });

    test('a failing page leaves neither its records nor its cursor', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      await store.records.savePage(conn, 'contacts', page([contact('0000001', { v: 1 })], 'good'));

      // 1,500 records: the first statement's rows are written before the bad record is met.
      const records = Array.from({ length: 1_500 }, (_, i) => contact(paddedId(i), { v: 2 }));
      records[0] = contact('0000001', { v: 2 });
      const badId = [...records];
      badId[1_499] = contact('', { v: 2 });
      const badValue = [...records];
      badValue[1_200] = contact('x', { v: 10n as unknown as PropertyValue });

      await assert.rejects(store.records.savePage(conn, 'contacts', page(badId, 'bad')), {
        code: 'store_invalid_record',
      });
      await assert.rejects(store.records.savePage(conn, 'contacts', page(badValue, 'bad')), {
        code: 'store_save_page_failed',
      });

      assert.equal(await store.cursors.get(conn, 'contacts'), 'good');
      assert.equal(await store.records.count(conn, 'contacts', { includeArchived: true }), 1);
      assert.deepEqual((await store.records.get(conn, 'contacts', '0000001'))?.properties, {
        v: 1,
      });
    });

    test('a record of another object type is refused', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const deal: CrmRecord = { ...contact('1', {}), objectType: 'deals' };

      await assert.rejects(store.records.savePage(conn, 'contacts', page([deal], 'c')), {
        code: 'store_invalid_record',
      });
    });

    test('iterate streams 25,000 records by id in bounded batches', async () => {
      const store = getStore();
      const conn = uniqueConnectionId();
      const total = 25_000;
      for (let start = 0; start < total; start += 5_000) {
        const records = Array.from({ length: 5_000 }, (_, i) =>
          contact(paddedId(start + i), { n: start + i, label: `ü-${start + i}` }),
        );
        await store.records.savePage(conn, 'contacts', page(records, `c${start}`));
      }

      let seen = 0;
      let batches = 0;
      let previous = '';
      for await (const batch of store.records.iterate(conn, 'contacts', { batchSize: 999 })) {
        assert.ok(batch.length <= 999);
        for (const record of batch) {
          assert.ok(record.id > previous, `${record.id} after ${previous}`);
          assert.equal(record.raw, undefined);
          previous = record.id;
        }
        seen += batch.length;
        batches += 1;
      }
      assert.equal(seen, total);
      assert.equal(batches, Math.ceil(total / 999));

      const ids = [paddedId(24_999), paddedId(3), 'absent', paddedId(3)];
      const picked = await collect(store.records.iterate(conn, 'contacts', { ids, batchSize: 1 }));
      assert.deepEqual(
        picked.map((b) => b.map((r) => r.id)),
        [[paddedId(3)], [paddedId(24_999)]],
      );
    });
  });
}
