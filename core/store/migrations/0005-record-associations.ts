import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Record associations: the ids a record links to by object type (a note's contacts), as JSON
 * text; null for records synced before, or from a connector that read none.
 */
export function recordAssociationsMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('records').addColumn('associations', 'text').execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('records').dropColumn('associations').execute();
    },
  };
}
