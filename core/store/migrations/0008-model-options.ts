import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Model options: the plugin options a model was trained with, as the plugin parsed them, in
 * canonical JSON, so a run can tell that the options changed and retrain. Null for models saved
 * before this column existed; those are not retrained just because of the upgrade.
 */
export function modelOptionsMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('models').addColumn('options', 'text').execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('models').dropColumn('options').execute();
    },
  };
}
