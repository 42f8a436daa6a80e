import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Store } from '../../../core/store/index.js';
import { contact, page, uniqueConnectionId } from './fixtures.js';

/** Connections, cursors and runs. */
export function connectionRunSuite(getStore: () => Store): void {
  describe('connections and cursors', () => {
    test('upsert, get, list and remove with everything the connection owns', async () => {
      const store = getStore();
      const id = uniqueConnectionId();
      const settings = { portalId: 42, region: 'eu', label: 'Straße 🏠', scopes: ['crm.read'] };

      const created = await store.connections.upsert({
        id,
        crm: 'hubspot',
        label: 'Main',
        settings,
      });
      const renamed = await store.connections.upsert({
        id,
        crm: 'hubspot',
        label: 'Haupt',
        settings,
      });

      assert.equal(renamed.createdAt, created.createdAt);
      assert.deepEqual(await store.connections.get(id), renamed);
      assert.deepEqual(renamed.settings, settings);
      assert.ok((await store.connections.list()).some((c) => c.id === id && c.label === 'Haupt'));

      await store.records.savePage(id, 'contacts', page([contact('1', { a: 1 })], 'c1'));
      await store.outbox.enqueue([
        {
          connectionId: id,
          objectType: 'contacts',
          recordId: '1',
          pluginId: 'churn',
          values: {},
          modelVersion: 1,
          scoredAt: '2024-01-01T00:00:00Z',
        },
      ]);

      assert.equal(await store.connections.remove(id), true);
      assert.equal(await store.connections.get(id), null);
      assert.equal(await store.records.count(id, 'contacts', { includeArchived: true }), 0);
      assert.equal(await store.cursors.get(id, 'contacts'), null);
      assert.equal((await store.outbox.counts(id)).pending, 0);
      assert.equal(await store.connections.remove(id), false);
    });

    test('an empty connection id is refused', async () => {
      await assert.rejects(
        getStore().connections.upsert({ id: ' ', crm: 'hubspot', label: '', settings: null }),
        { code: 'store_invalid_connection' },
      );
    });

    test('cursors: null before the first page, then set and cleared', async () => {
      const { cursors } = getStore();
      const conn = uniqueConnectionId();

      assert.equal(await cursors.get(conn, 'contacts'), null);
      await cursors.set(conn, 'contacts', 'a');
      await cursors.set(conn, 'contacts', 'b');
      await cursors.set(conn, 'deals', 'd');
      assert.equal(await cursors.get(conn, 'contacts'), 'b');

      assert.equal(await cursors.clear(conn, 'contacts'), 1);
      assert.equal(await cursors.get(conn, 'deals'), 'd');
      assert.equal(await cursors.clear(conn), 1);
    });
  });

  describe('runs', () => {
    test('start, finish, list newest first and last', async () => {
      const { runs } = getStore();
      const conn = uniqueConnectionId();

      assert.equal(await runs.last(conn), null);
      const first = await runs.start({
        connectionId: conn,
        kind: 'sync',
        startedAt: '2024-06-01T00:00:00Z',
      });
      const second = await runs.start({
        connectionId: conn,
        kind: 'train',
        startedAt: '2024-06-02T00:00:00Z',
      });
      const summary = { inserted: 3, note: 'ok ✅', failures: [] };
      await runs.finish(first, {
        status: 'succeeded',
        summary,
        finishedAt: '2024-06-01T00:05:00Z',
      });

      const listed = await runs.list(conn, { limit: 10 });
      assert.deepEqual(
        listed.map((r) => [r.id, r.kind, r.status]),
        [
          [second, 'train', 'running'],
          [first, 'sync', 'succeeded'],
        ],
      );
      assert.deepEqual(listed[1]?.summary, summary);
      assert.equal(listed[1]?.finishedAt, '2024-06-01T00:05:00.000Z');
      assert.equal((await runs.last(conn))?.id, second);
      assert.equal((await runs.list(conn, { limit: 1 })).length, 1);
    });

    test('finishing twice or an unknown run is an error', async () => {
      const { runs } = getStore();
      const conn = uniqueConnectionId();
      const id = await runs.start({
        connectionId: conn,
        kind: 'score',
        startedAt: '2024-06-01T00:00:00Z',
      });
      const outcome = {
        status: 'failed',
        summary: { error: 'boom' },
        finishedAt: '2024-06-01T00:01:00Z',
      } as const;

      await runs.finish(id, outcome);
      await assert.rejects(runs.finish(id, outcome), { code: 'store_run_finished' });
      await assert.rejects(runs.finish(-5, outcome), { code: 'store_run_not_found' });
      assert.equal((await runs.last(conn))?.status, 'failed');
    });

    test('a run started again under its run id keeps its one row', async () => {
      const { runs } = getStore();
      const conn = uniqueConnectionId();
      const runId = `run-${conn}`;
      const start = { connectionId: conn, kind: 'pipeline', startedAt: '2024-06-01T00:00:00Z' };

      const first = await runs.start({ ...start, runId });
      const resumed = await runs.start({ ...start, runId, startedAt: '2024-06-01T00:09:00Z' });
      const other = await runs.start(start);
      assert.equal(resumed, first);
      assert.notEqual(other, first);

      await runs.finish(resumed, {
        status: 'succeeded',
        summary: {},
        finishedAt: '2024-06-01T00:10:00Z',
      });
      const listed = await runs.list(conn, { limit: 10 });
      assert.deepEqual(
        listed.map((r) => [r.runId, r.status]),
        [
          [null, 'running'],
          [runId, 'succeeded'],
        ],
      );
    });
  });
}
