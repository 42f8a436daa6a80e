import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Drops `scores_record_idx`. A record's latest score is found through its plugin's models
 * by primary key instead, and every scoring run no longer writes a third B-tree entry per
 * record (a tenth of the score stage's store time on SQLite).
 */
export function scoresWithoutRecordIndexMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema.dropIndex('scores_record_idx').ifExists().execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema
        .createIndex('scores_record_idx')
        .on('scores')
        .columns(['connection_id', 'plugin_id', 'record_id', 'scored_at'])
        .execute();
    },
  };
}
