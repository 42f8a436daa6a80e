import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Run ids: the id a run has outside the store (the queued run's id that `crm-ml run` prints
 * and webhooks carry), unique, so a run taken over by another worker finds its row again.
 */
export function runIdsMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('runs').addColumn('run_id', 'text').execute();
      await db.schema.createIndex('runs_run_id_idx').on('runs').column('run_id').unique().execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.dropIndex('runs_run_id_idx').execute();
      await db.schema.alterTable('runs').dropColumn('run_id').execute();
    },
  };
}
