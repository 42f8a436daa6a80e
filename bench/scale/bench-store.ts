import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { openStore, type Store } from '../../core/store/index.js';
import { isConnectionFailure, storeUnavailable } from '../../core/store/store-unavailable.js';

/** The bench's store, and how to remove it afterwards. */
export interface BenchStore {
  store: Store;
  /** Closes the store and deletes its data (the temp file, or the PostgreSQL schema). */
  remove(): Promise<void>;
}

/**
 * A new, empty store: a SQLite file in a temp folder, or with `databaseUrl` a schema of its own
 * in that PostgreSQL database (a postgres:// URL, checked with the flags), so the bench never
 * touches tables it did not make.
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

  const url = new URL(databaseUrl);
  const schema = `crm_ml_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const dropSchema = async () => {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  };
  let store: Store;
  try {
    await admin.query(`create schema "${schema}"`);
    url.searchParams.set('options', `-c search_path=${schema}`);
    store = await openStore({ databaseUrl: url.toString() });
  } catch (error) {
    await dropSchema().catch(() => admin.end());
    throw isConnectionFailure(error) ? storeUnavailable(databaseUrl, error) : error;
  }
  return {
    store,
    async remove() {
      await store.close();
      await dropSchema();
    },
  };
}
