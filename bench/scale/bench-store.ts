import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { openStore, type Store } from '../../core/store/index.js';
import { storeUnavailable } from '../../core/store/store-unavailable.js';

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

  const url = postgresUrl(databaseUrl);
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
    throw storeUnavailable(databaseUrl, error);
  }
  return {
    store,
    async remove() {
      await store.close();
      await dropSchema();
    },
  };
}

function postgresUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return url;
  } catch {
    // Reported below, as for any other URL that is not PostgreSQL's.
  }
  throw new CrmMlError(
    'bench_invalid_option',
    `--database-url must be postgres://…, got '${text}'`,
  );
}
