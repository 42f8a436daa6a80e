import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely, Migration } from 'kysely';

import type { StoreDialect } from '../database-schema.js';

// Migrations run against an untyped database: they describe the schema at one point in time,
// which the current `Database` type may no longer match.
type AnyDatabase = Kysely<unknown>;

/** Adds a generated integer primary key, the one column whose type differs per dialect. */
function withGeneratedId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: StoreDialect,
): CreateTableBuilder<T, 'id'> {
  if (dialect === 'sqlite') {
    return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
  }
  return table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

const notNull = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

async function createTables(db: AnyDatabase, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('crm', 'text', notNull)
    .addColumn('label', 'text', notNull)
    .addColumn('settings', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // The check keeps an empty id out even if a caller skips the repository's validation.
  await db.schema
    .createTable('records')
    .addColumn('connection_id', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('id', 'text', (col) => col.notNull().check(sql`id <> ''`))
    .addColumn('properties', 'text', notNull)
    .addColumn('raw', 'text')
    .addColumn('updated_at', 'text', notNull)
    .addColumn('archived', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('content_hash', 'text', notNull)
    .addColumn('changed_at', 'text', notNull)
    .addColumn('synced_at', 'text', notNull)
    .addPrimaryKeyConstraint('records_pk', ['connection_id', 'object_type', 'id'])
    .execute();

  await db.schema
    .createTable('cursors')
    .addColumn('connection_id', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('cursor', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('cursors_pk', ['connection_id', 'object_type'])
    .execute();

  await withGeneratedId(db.schema.createTable('models'), dialect)
    .addColumn('connection_id', 'text', notNull)
    .addColumn('plugin_id', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('config', 'text', notNull)
    .addColumn('weights', 'text', notNull)
    .addColumn('metrics', 'text', notNull)
    .addColumn('trained_at', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('models_version_unique', ['connection_id', 'plugin_id', 'version'])
    .execute();

  // `double precision` is float8 on PostgreSQL and has REAL affinity on SQLite.
  await db.schema
    .createTable('scores')
    .addColumn('model_id', 'integer', notNull)
    .addColumn('connection_id', 'text', notNull)
    .addColumn('plugin_id', 'text', notNull)
    .addColumn('record_id', 'text', notNull)
    .addColumn('score', 'double precision', notNull)
    .addColumn('field_values', 'text', notNull)
    .addColumn('scored_at', 'text', notNull)
    .addPrimaryKeyConstraint('scores_pk', ['model_id', 'record_id'])
    .execute();

  await withGeneratedId(db.schema.createTable('outbox'), dialect)
    .addColumn('connection_id', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('record_id', 'text', notNull)
    .addColumn('plugin_id', 'text', notNull)
    .addColumn('field_values', 'text', notNull)
    .addColumn('model_version', 'integer', notNull)
    .addColumn('scored_at', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('written_at', 'text')
    .execute();

  await db.schema
    .createTable('writeback_state')
    .addColumn('connection_id', 'text', notNull)
    .addColumn('object_type', 'text', notNull)
    .addColumn('record_id', 'text', notNull)
    .addColumn('plugin_id', 'text', notNull)
    .addColumn('field_values', 'text', notNull)
    .addColumn('model_version', 'integer', notNull)
    .addColumn('scored_at', 'text', notNull)
    .addColumn('written_at', 'text', notNull)
    .addColumn('outbox_id', 'bigint', notNull)
    .addPrimaryKeyConstraint('writeback_state_pk', [
      'connection_id',
      'object_type',
      'plugin_id',
      'record_id',
    ])
    .execute();

  await withGeneratedId(db.schema.createTable('runs'), dialect)
    .addColumn('connection_id', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('summary', 'text')
    .addColumn('started_at', 'text', notNull)
    .addColumn('finished_at', 'text')
    .execute();
}

async function createIndexes(db: AnyDatabase): Promise<void> {
  // listChangedSince scans one (connection, type) by store time.
  await db.schema
    .createIndex('records_changed_idx')
    .on('records')
    .columns(['connection_id', 'object_type', 'changed_at'])
    .execute();

  await db.schema
    .createIndex('scores_record_idx')
    .on('scores')
    .columns(['connection_id', 'plugin_id', 'record_id', 'scored_at'])
    .execute();

  // Supersede checks look up other entries of the same record and plugin.
  await db.schema
    .createIndex('outbox_key_idx')
    .on('outbox')
    .columns(['connection_id', 'object_type', 'record_id', 'plugin_id', 'status'])
    .execute();

  await db.schema
    .createIndex('outbox_status_idx')
    .on('outbox')
    .columns(['connection_id', 'status', 'id'])
    .execute();

  await db.schema
    .createIndex('runs_connection_idx')
    .on('runs')
    .columns(['connection_id', 'started_at'])
    .execute();
}

/** The first schema: every table the store needs for sync, models, scores and write-back. */
export function initialMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await createTables(db, dialect);
      await createIndexes(db);
    },
    async down(db: AnyDatabase): Promise<void> {
      const tables = ['runs', 'writeback_state', 'outbox', 'scores', 'models', 'cursors'];
      for (const table of [...tables, 'records', 'connections']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
