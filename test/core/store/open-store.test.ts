import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import SqliteDatabase from 'better-sqlite3';

import { createLogger } from '../../../core/logging/logger.js';
import { createDatabase } from '../../../core/store/create-database.js';
import { openStore } from '../../../core/store/index.js';
import { migrateStore } from '../../../core/store/migrate-store.js';

describe('openStore (SQLite specifics)', () => {
  let directory = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-ml-open-'));
  });

  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  test('opens one new store from several connections at once (a server and a worker starting)', async () => {
    const path = join(directory, 'together', 'crm-ml.sqlite');
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ sqlitePath: path })));
    try {
      const ids = new Set(stores.map((store) => store.id));
      assert.equal(ids.size, 1, 'one store, one identity');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('puts the database under $CRM_ML_HOME by default, in WAL mode', async () => {
    const home = join(directory, 'home');
    const previous = process.env['CRM_ML_HOME'];
    process.env['CRM_ML_HOME'] = home;
    try {
      const store = await openStore();
      await store.close();
    } finally {
      if (previous === undefined) delete process.env['CRM_ML_HOME'];
      else process.env['CRM_ML_HOME'] = previous;
    }

    const path = join(home, 'crm-ml.sqlite');
    assert.ok(existsSync(path));
    const database = new SqliteDatabase(path, { readonly: true });
    try {
      assert.equal(database.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      database.close();
    }
  });

  test('migrations apply once; a second run applies none', async () => {
    const sqlitePath = join(directory, 'migrate.sqlite');
    const applied: string[][] = [];
    for (let open = 0; open < 2; open += 1) {
      const { db, dialect } = createDatabase({ sqlitePath }, createLogger('store.test'));
      applied.push(await migrateStore(db, dialect));
      await db.destroy();
    }

    assert.deepEqual(applied, [
      [
        '0001_initial',
        '0002_outbox_claims',
        '0003_api',
        '0004_webhooks',
        '0005_record_associations',
        '0006_inbound_changes',
        '0007_run_ids',
        '0008_model_options',
        '0009_store_identity',
        '0010_live_records_index',
        '0011_scores_without_record_index',
      ],
      [],
    ]);
  });

  test('a URL that is not postgres:// is refused before anything opens', async () => {
    await assert.rejects(openStore({ databaseUrl: 'mysql://localhost/crm' }), {
      code: 'store_unsupported_url',
    });
  });

  test('a path that cannot be created fails with store_open_failed', async () => {
    const blocked = join(directory, 'file');
    const first = await openStore({ sqlitePath: blocked });
    await first.close();

    await assert.rejects(openStore({ sqlitePath: join(blocked, 'nested.sqlite') }), {
      code: 'store_open_failed',
    });
  });
});
