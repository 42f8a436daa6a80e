import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Outbox claims: a worker stamps the entries it is about to write with its id and a lease
 * expiry, so two workers never write the same entry at once and a killed worker's entries
 * return to the pool when its lease runs out.
 */
export function outboxClaimsMigration(): Migration {
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('claim_expires_at', 'text').execute();
    },
    async down(db: AnyDatabase): Promise<void> {
      await db.schema.alterTable('outbox').dropColumn('claim_expires_at').execute();
      await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
    },
  };
}
