import { dirname, join, resolve } from 'node:path';

import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Logger } from '../logging/logger.js';
import type { Database, StoreDialect } from './database-schema.js';
import { ensureDirectory } from './ensure-directory.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

/** A Kysely instance with the facts `openStore` needs about it. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Where the data lives, safe to log (never contains a password). */
  location: string;
}

// Another process (a CLI next to a server) may hold the write lock briefly; wait, don't fail.
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

// 10,000 pages of 4 KiB; the log may grow past it until a checkpoint can run.
const WAL_CHECKPOINT_PAGES = 10_000;
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

// PostgreSQL's int8 arrives as a string by default; ids and counts stay far below 2^53.
const INT8_OID = 20;

/** `$CRM_ML_HOME/crm-ml.sqlite`, or `./.crm-ml/crm-ml.sqlite` when CRM_ML_HOME is unset. */
export function defaultSqlitePath(): string {
  const home = process.env['CRM_ML_HOME'];
  return home ? join(home, 'crm-ml.sqlite') : resolve('.crm-ml', 'crm-ml.sqlite');
}

function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') ensureDirectory(dirname(path));

  const database = new SqliteDatabase(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  // WAL lets readers run beside the one writer; NORMAL sync is durable enough under WAL.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Scoring writes a score and an outbox row per record: checkpointing every 4 MB (the
  // default) copied the same pages into the database again and again. Every 40 MB costs a
  // tenth less CPU; a log file that grew past 64 MB (a long reader held it) is cut back.
  database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  database.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);

  const cached = new SqliteStatementCache(database);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  return { db, dialect: 'sqlite', location: path };
}

function openPostgres(url: string, logger: Logger): OpenedDatabase {
  const parsed = new URL(url);
  const location = `postgres://${parsed.host}${parsed.pathname}`;

  const pool = new pg.Pool({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client can lose its server; the pool replaces it, so a log line is enough.
  pool.on('error', (error) =>
    logger.warn({ err: error, location }, 'idle PostgreSQL client failed'),
  );
  // A client in use has no listener of the pool's: the server ending its connection (a
  // restart, pg_terminate_backend) would be an unhandled 'error' event and end the process.
  // The query in flight fails on its own, and the pool drops the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', (error) =>
      logger.warn({ err: error, location }, 'PostgreSQL connection lost'),
    );
  });

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location };
}

/** Opens SQLite (the default) or PostgreSQL when `databaseUrl` is a `postgres://` URL. */
export function createDatabase(
  options: { databaseUrl?: string; sqlitePath?: string },
  logger: Logger,
): OpenedDatabase {
  const { databaseUrl } = options;

  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
      throw new CrmMlError(
        'store_unsupported_url',
        'databaseUrl must start with postgres:// or postgresql:// (leave it unset for SQLite)',
        { details: [{ path: 'databaseUrl', message: 'unsupported scheme' }] },
      );
    }
    return openPostgres(databaseUrl, logger);
  }

  const path = options.sqlitePath ?? defaultSqlitePath();
  try {
    return openSqlite(path);
  } catch (error) {
    if (error instanceof CrmMlError) throw error;
    throw new CrmMlError('store_open_failed', `cannot open SQLite database at ${path}`, {
      cause: error,
    });
  }
}
