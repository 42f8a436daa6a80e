import { setTimeout } from 'node:timers/promises';

import { Migrator, sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { databaseErrors } from './database-errors.js';
import type { Database, StoreDialect } from './database-schema.js';
import { initialMigration } from './migrations/0001-initial.js';
import { outboxClaimsMigration } from './migrations/0002-outbox-claims.js';
import { apiMigration } from './migrations/0003-api.js';
import { webhooksMigration } from './migrations/0004-webhooks.js';
import { recordAssociationsMigration } from './migrations/0005-record-associations.js';
import { runIdsMigration } from './migrations/0007-run-ids.js';
import { inboundChangesMigration } from './migrations/0006-inbound-changes.js';
import { modelOptionsMigration } from './migrations/0008-model-options.js';
import { storeIdentityMigration } from './migrations/0009-store-identity.js';
import { liveRecordsIndexMigration } from './migrations/0010-live-records-index.js';
import { scoresWithoutRecordIndexMigration } from './migrations/0011-scores-without-record-index.js';

function migrations(dialect: StoreDialect): Record<string, Migration> {
  // Names sort in the order they must run; never rename or edit one that has shipped.
  return {
    '0001_initial': initialMigration(dialect),
    '0002_outbox_claims': outboxClaimsMigration(),
    '0003_api': apiMigration(),
    '0004_webhooks': webhooksMigration(),
    '0005_record_associations': recordAssociationsMigration(),
    '0007_run_ids': runIdsMigration(),
    '0006_inbound_changes': inboundChangesMigration(),
    '0008_model_options': modelOptionsMigration(),
    '0009_store_identity': storeIdentityMigration(),
    '0010_live_records_index': liveRecordsIndexMigration(),
    '0011_scores_without_record_index': scoresWithoutRecordIndexMigration(),
  };
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = result.rows[0]?.schema;
  if (!schema) throw new CrmMlError('store_open_failed', 'PostgreSQL has no current schema');
  return schema;
}

// SQLite has no migration lock: two connections opening one new store both start migrating,
// and the one that loses fails, on the write lock or on a table the other has just created.
// Its retry finds the work done.
const MIGRATION_ATTEMPTS = 5;
const RETRY_AFTER_MS = 150;

/**
 * Brings the schema up to date and returns the names of the migrations it applied.
 * Safe to call on every open and from several processes at once: Kysely takes a lock on
 * PostgreSQL, and on SQLite a migration that lost the write lock to another process is retried.
 */
export async function migrateStore(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in any schema unless told which; pinning them to
  // the current one keeps stores in different schemas of one database apart.
  const schema = dialect === 'postgres' ? await currentSchema(db) : undefined;

  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });

  for (let attempt = 1; ; attempt++) {
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error === undefined) {
      return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
    }
    const contended = dialect === 'sqlite' && lostToAnotherMigration(error);
    if (contended && attempt < MIGRATION_ATTEMPTS) {
      await setTimeout(RETRY_AFTER_MS * attempt);
      continue;
    }
    const failed = results.find((result) => result.status === 'Error');
    throw new CrmMlError(
      'store_migration_failed',
      `store migration ${failed?.migrationName ?? '(setup)'} failed on ${dialect}`,
      { cause: error },
    );
  }
}

function lostToAnotherMigration(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return databaseErrors.isTransient(error) || /already exists/.test(message);
}
