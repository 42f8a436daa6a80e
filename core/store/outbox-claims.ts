import { PostgresAdapter } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';

import { chunk, rowsPerStatement } from './chunk.js';
import type { Database, OutboxTable } from './database-schema.js';
import { toOutboxEntry } from './outbox-rows.js';
import type { OutboxEntry } from './outbox-rows.js';
import { isStale } from './outbox-staleness.js';

/** The claim columns migration 0002 adds to `outbox`. */
interface ClaimColumns {
  claimed_by: string | null;
  claim_expires_at: string | null;
}

type ClaimDatabase = Omit<Database, 'outbox'> & { outbox: OutboxTable & ClaimColumns };
type OutboxBuilder = ExpressionBuilder<ClaimDatabase, 'outbox'>;

/** Entries claimed by other workers whose lease still runs, and when the first lease ends. */
export interface ForeignClaims {
  count: number;
  firstExpiry: string | null;
}

const IDS_PER_STATEMENT = rowsPerStatement(1);

// Unclaimed, or claimed by a worker whose lease has run out (it died or stalled).
function claimable(eb: OutboxBuilder, now: string) {
  return eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<', now)]);
}

// isStale is written against the store's schema; the claim columns do not change its meaning.
function notStale(eb: OutboxBuilder) {
  return eb.not(isStale(eb as unknown as ExpressionBuilder<Database, 'outbox'>));
}

/**
 * Claims on write-back outbox entries, so many workers can drain one connection's outbox
 * without writing an entry twice. One atomic UPDATE … RETURNING hands out entries on SQLite
 * and PostgreSQL alike; PostgreSQL adds SKIP LOCKED so concurrent claimers do not queue.
 */
export class OutboxClaims {
  private readonly db: Kysely<ClaimDatabase>;
  private readonly postgres: boolean;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => string,
  ) {
    this.db = db as unknown as Kysely<ClaimDatabase>;
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Claims up to `limit` fresh pending entries for `leaseMs`; oldest first. */
  async claim(
    connectionId: string,
    workerId: string,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxEntry[]> {
    const now = this.now();
    const expires = new Date(Date.parse(now) + leaseMs).toISOString();

    let candidates = this.db
      .selectFrom('outbox')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending')
      .where((eb) => claimable(eb, now))
      .where(notStale)
      .orderBy('id')
      .limit(limit);
    if (this.postgres) candidates = candidates.forUpdate().skipLocked();

    // The candidates are picked once, in a materialised CTE: as a plain IN subquery with
    // row locks, PostgreSQL re-runs it per row and the LIMIT stops limiting. The outer
    // conditions repeat the inner ones: PostgreSQL re-checks them on a row another claimer
    // changed meanwhile, so a row is never claimed twice.
    const rows = await this.db
      .with(
        (cte) => cte('picked').materialized(),
        () => candidates,
      )
      .updateTable('outbox')
      .set({ claimed_by: workerId, claim_expires_at: expires, updated_at: now })
      .where('id', 'in', (eb) => eb.selectFrom('picked').select('picked.id'))
      .where('status', '=', 'pending')
      .where((eb) => claimable(eb, now))
      .returningAll()
      .execute();
    return rows.map((row) => toOutboxEntry({ ...row, id: Number(row.id) })).sort(byId);
  }

  /** Hands entries back before their lease ends (after a failed attempt, on shutdown). */
  async release(ids: readonly number[]): Promise<void> {
    for (const slice of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
      await this.db
        .updateTable('outbox')
        .set({ claimed_by: null, claim_expires_at: null })
        .where('id', 'in', slice)
        .execute();
    }
  }

  /** Fresh pending entries that other workers hold right now. */
  async foreign(connectionId: string, workerId: string): Promise<ForeignClaims> {
    const now = this.now();
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('claim_expires_at').as('first_expiry'),
      ])
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending')
      .where('claim_expires_at', '>=', now)
      .where('claimed_by', '<>', workerId)
      .where(notStale)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), firstExpiry: row?.first_expiry ?? null };
  }
}

function byId(a: OutboxEntry, b: OutboxEntry): number {
  return a.id - b.id;
}
