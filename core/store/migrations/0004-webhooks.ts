import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

const notNull = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder => col.notNull();

// Ids are text (prefixed random ids made by the webhooks code), so no column here differs
// between SQLite and PostgreSQL.
async function createTables(db: AnyDatabase): Promise<void> {
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('tenant_id', 'text', notNull)
    .addColumn('url', 'text', notNull)
    .addColumn('events', 'text', notNull)
    .addColumn('connection_ids', 'text')
    .addColumn('risk_threshold', 'double precision')
    .addColumn('secret', 'text', notNull)
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    .addColumn('status', 'text', notNull)
    .addColumn('disabled_reason', 'text')
    .addColumn('failing_since', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  // `body` is the exact JSON text every delivery of the event sends and signs.
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('type', 'text', notNull)
    .addColumn('connection_id', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_id', 'text', notNull)
    .addColumn('subscription_id', 'text', notNull)
    .addColumn('tenant_id', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('last_response_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('webhook_deliveries_unique', ['event_id', 'subscription_id'])
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('delivery_id', 'text', notNull)
    .addColumn('subscription_id', 'text', notNull)
    .addColumn('event_id', 'text', notNull)
    .addColumn('attempt', 'integer', notNull)
    .addColumn('attempted_at', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('response_code', 'integer')
    .addColumn('duration_ms', 'integer', notNull)
    .addColumn('error', 'text')
    .addColumn('next_attempt_at', 'text')
    .execute();

  await db.schema
    .createTable('webhook_seen_ids')
    .addColumn('source', 'text', notNull)
    .addColumn('id', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addPrimaryKeyConstraint('webhook_seen_ids_pk', ['source', 'id'])
    .execute();
}

async function createIndexes(db: AnyDatabase): Promise<void> {
  await db.schema
    .createIndex('webhook_subscriptions_tenant_idx')
    .on('webhook_subscriptions')
    .column('tenant_id')
    .execute();

  // Replay of a time range scans events by creation time.
  await db.schema
    .createIndex('webhook_events_created_idx')
    .on('webhook_events')
    .column('created_at')
    .execute();

  // The scheduler's one hot query: pending deliveries whose next attempt is due.
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createIndex('webhook_deliveries_subscription_idx')
    .on('webhook_deliveries')
    .columns(['subscription_id', 'status'])
    .execute();

  await db.schema
    .createIndex('webhook_attempts_subscription_idx')
    .on('webhook_attempts')
    .columns(['subscription_id', 'attempted_at'])
    .execute();

  await db.schema
    .createIndex('webhook_seen_ids_expiry_idx')
    .on('webhook_seen_ids')
    .columns(['source', 'expires_at'])
    .execute();
}

const TABLES = [
  'webhook_seen_ids',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_events',
  'webhook_subscriptions',
];

/**
 * Webhooks: outbound subscriptions, the events emitted to them, one delivery per (event,
 * subscription) with its next attempt time, the log of every attempt, and the ids of inbound
 * CRM webhooks already seen (for de-duplication).
 */
export function webhooksMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await createTables(db);
      await createIndexes(db);
    },
    async down(db: AnyDatabase): Promise<void> {
      for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
    },
  };
}
