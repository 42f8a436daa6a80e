import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

const notNull = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

/**
 * Inbound CRM changes: one row per webhook notification (source + the CRM's delivery id), so
 * inserting it both enqueues the change and marks the id seen, in one statement. A row is
 * pending until a run that started after it arrived succeeded (`handled_at`), and kept as a
 * seen id until `expires_at`.
 */
export function inboundChangesMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createTable('inbound_changes')
        .addColumn('source', 'text', notNull)
        .addColumn('delivery_id', 'text', notNull)
        .addColumn('connection_id', 'text', notNull)
        .addColumn('object_type', 'text', notNull)
        .addColumn('record_id', 'text', notNull)
        .addColumn('received_at', 'text', notNull)
        .addColumn('expires_at', 'text', notNull)
        .addColumn('handled_at', 'text')
        .addPrimaryKeyConstraint('inbound_changes_pk', ['source', 'delivery_id'])
        .execute();
      await db.schema
        .createIndex('inbound_changes_pending_idx')
        .on('inbound_changes')
        .columns(['connection_id', 'handled_at', 'received_at'])
        .execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.dropTable('inbound_changes').ifExists().execute();
    },
  };
}
