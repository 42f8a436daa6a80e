import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import pg from 'pg';

import { openStore, type Store } from '../../../core/store/index.js';
import { postgresUrlOrWarn } from '../../helpers/database-url.js';
import { withSearchPath } from '../../helpers/store-backends.js';

const databaseUrl = postgresUrlOrWarn('planner statistics after large writes');

if (databaseUrl) {
  describe('PostgreSQL: tables filled by a run are analysed as they grow', () => {
    const schema = `crm_ml_stats_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    let store: Store;

    /** What the planner believes `table` holds (pg_class.reltuples; -1: never analysed). */
    const believed = async (table: string): Promise<number> => {
      const result = await admin.query<{ reltuples: number }>(
        'select reltuples from pg_class where oid = to_regclass($1)',
        [`"${schema}".${table}`],
      );
      return Number(result.rows[0]?.reltuples);
    };

    let next = 0;
    /** Queues `count` entries of new records, as one scored batch does. */
    const enqueue = async (count: number): Promise<void> => {
      const recordIds = Array.from({ length: count }, () => `r${(next += 1)}`);
      await store.outbox.enqueueBatch({
        connectionId: 'stats',
        objectType: 'contacts',
        pluginId: 'churn',
        modelVersion: 1,
        scoredAt: '2024-06-01T00:00:00.000Z',
        recordIds,
        values: recordIds.map((_, i) => JSON.stringify({ crm_ml_churn_score: i % 100 })),
      });
    };

    before(async () => {
      await admin.query(`create schema "${schema}"`);
      store = await openStore({ databaseUrl: withSearchPath(databaseUrl, schema) });
      // Autovacuum stays out of it, as it does for the first minute after a change.
      await admin.query(`alter table "${schema}".outbox set (autovacuum_enabled = off)`);
    });

    after(async () => {
      await store.close();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    });

    test('the outbox is analysed when a batch fills it, and again only once it doubled', async () => {
      assert.ok((await believed('outbox')) <= 0, 'a new table starts with no row count');

      await enqueue(2_000);
      assert.equal(await believed('outbox'), 2_000, 'the first large batch was analysed');

      await enqueue(500);
      assert.equal(await believed('outbox'), 2_000, 'a batch that does not double it is not');

      await enqueue(1_600);
      assert.equal(await believed('outbox'), 4_100, 'past double, the table is analysed again');
    });

    test('an outbox emptied and analysed elsewhere is analysed again as it refills', async () => {
      // A cleanup, then autovacuum: the planner now believes the outbox is empty.
      await admin.query(`delete from "${schema}".outbox; analyze "${schema}".outbox`);
      assert.equal(await believed('outbox'), 0);

      await enqueue(1_500);
      assert.equal(await believed('outbox'), 1_500);
    });

    test('a score batch under 1,000 rows is not analysed, a large one is', async () => {
      const before = await believed('scores');
      const model = await store.models.save({
        connectionId: 'stats',
        pluginId: 'churn',
        saved: { pluginId: 'churn', config: {}, weights: {}, metrics: {} },
        trainedAt: '2024-06-01T00:00:00.000Z',
      });
      const scores = Array.from({ length: 50 }, (_, i) => ({
        recordId: `s${i}`,
        score: i / 50,
        values: {},
        scoredAt: '2024-06-01T00:00:00.000Z',
      }));
      await store.scores.saveMany(model.id, 'stats', 'churn', scores);
      assert.equal(await believed('scores'), before);

      const many = Array.from({ length: 1_500 }, (_, i) => ({
        recordId: `m${i}`,
        score: 0.5,
        values: {},
        scoredAt: '2024-06-01T00:00:00.000Z',
      }));
      await store.scores.saveMany(model.id, 'stats', 'churn', many);
      assert.equal(await believed('scores'), 1_550, 'a large score batch is analysed');
    });
  });
}
