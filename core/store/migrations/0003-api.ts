import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

// Migrations run against an untyped database: they describe the schema at one point in time.
type AnyDatabase = Kysely<unknown>;

const notNull = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

/**
 * Tenants, their API keys, and which tenant owns each connection. Ownership sits in its own
 * table so the connections table, which every part of the store reads, stays as it was.
 */
export function apiMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('label', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('tenant_id', 'text', notNull)
        .addColumn('scope', 'text', notNull)
        .addColumn('hash', 'text', notNull)
        .addColumn('label', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createIndex('api_keys_tenant_idx')
        .on('api_keys')
        .columns(['tenant_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('connection_owners')
        .addColumn('connection_id', 'text', (col) => col.primaryKey())
        .addColumn('tenant_id', 'text', notNull)
        .addColumn('hubspot_portal_id', 'text')
        .execute();

      await db.schema
        .createIndex('connection_owners_tenant_idx')
        .on('connection_owners')
        .columns(['tenant_id', 'connection_id'])
        .execute();

      // The CRM card finds its connection by portal; one portal belongs to one connection.
      await db.schema
        .createIndex('connection_owners_portal_idx')
        .unique()
        .on('connection_owners')
        .column('hubspot_portal_id')
        .execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      for (const table of ['connection_owners', 'api_keys', 'tenants']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
