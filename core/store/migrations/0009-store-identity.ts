import { randomUUID } from 'node:crypto';

import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

const notNull = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

/**
 * Store identity and run leases. `store_identity` holds one random id, made here once: queued
 * jobs carry the id of the store that enqueued them, so a worker on another store (same Redis,
 * other DATABASE_URL) refuses them instead of running them against its own connection of the
 * same id. `run_leases` holds at most one lease per connection: the in-process run holding it,
 * renewed while that run lives, so a second run on the same store refuses to start, and a
 * crashed run's lease is taken over once it expired.
 */
export function storeIdentityMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createTable('store_identity')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('created_at', 'text', notNull)
        .execute();
      const [id, createdAt] = [randomUUID(), new Date().toISOString()];
      await sql`insert into store_identity (id, created_at) values (${id}, ${createdAt})`.execute(
        db,
      );

      await db.schema
        .createTable('run_leases')
        .addColumn('connection_id', 'text', (col) => col.primaryKey())
        .addColumn('run_id', 'text', notNull)
        .addColumn('holder', 'text', notNull)
        .addColumn('acquired_at', 'text', notNull)
        .addColumn('expires_at', 'text', notNull)
        .execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.dropTable('run_leases').ifExists().execute();
      await db.schema.dropTable('store_identity').ifExists().execute();
    },
  };
}
