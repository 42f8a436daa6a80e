import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { openStore } from '../../core/store/index.js';
import type { Store, StoreOptions } from '../../core/store/index.js';

/** One database the store suite runs against. */
export interface StoreBackend {
  name: string;
  /** False for `:memory:`, where a second open sees a new, empty database. */
  persistent: boolean;
  setup(): Promise<void>;
  /** Opens a store on this backend's database; every call sees the same data if persistent. */
  open(): Promise<Store>;
  teardown(): Promise<void>;
}

function sqliteFileBackend(): StoreBackend {
  let directory = '';
  return {
    name: 'SQLite (temp file)',
    persistent: true,
    async setup() {
      directory = await mkdtemp(join(tmpdir(), 'crm-ml-store-'));
    },
    open: () => openStore({ sqlitePath: join(directory, 'crm-ml.sqlite') }),
    async teardown() {
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function sqliteMemoryBackend(): StoreBackend {
  return {
    name: 'SQLite (:memory:)',
    persistent: false,
    async setup() {},
    open: () => openStore({ sqlitePath: ':memory:' }),
    async teardown() {},
  };
}

/** Adds a libpq `options` parameter so every pooled connection starts in `schema`. */
export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

// Each run gets its own schema, so parallel runs and reruns never see each other's tables.
function postgresBackend(databaseUrl: string): StoreBackend {
  const schema = `crm_ml_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const options: StoreOptions = { databaseUrl: withSearchPath(databaseUrl, schema) };
  return {
    name: 'PostgreSQL',
    persistent: true,
    async setup() {
      await admin.query(`create schema "${schema}"`);
    },
    open: () => openStore(options),
    async teardown() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** SQLite file and memory always; PostgreSQL when DATABASE_URL is set. */
export function storeBackends(): StoreBackend[] {
  const backends = [sqliteFileBackend(), sqliteMemoryBackend()];
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) backends.push(postgresBackend(databaseUrl));
  return backends;
}
