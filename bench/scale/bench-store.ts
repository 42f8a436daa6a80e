import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { openStore, type Store } from '../../core/store/index.js';

/** The bench's store, and how to remove it afterwards. */
export interface BenchStore {
  store: Store;
  /** Closes the store and deletes its data (the temp file, or the PostgreSQL schema). */
  remove(): Promise<void>;
}

/**
 * A new, empty store: a SQLite file in a temp folder, or with `databaseUrl` a schema of its own
 * in that PostgreSQL database, so the bench never touches tables it did not make.
 */
export async function openBenchStore(databaseUrl?: string): Promise<BenchStore> {
  if (databaseUrl === undefined) {
    const home = await mkdtemp(join(tmpdir(), 'crm-ml-bench-'));
    const store = await openStore({ sqlitePath: join(home, 'bench.sqlite') });
    return {
      store,
      async remove() {
        await store.close();
        await rm(home, { recursive: true, force: true });
      },
    };
  }

  const schema = `crm_ml_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`create schema "${schema}"`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: url.toString() });
  return {
    store,
    async remove() {
      await store.close();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}
