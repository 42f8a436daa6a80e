import { PostgresAdapter, sql } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';

import { chunk, rowsPerStatement } from './chunk.js';
import type { Database } from './database-schema.js';
import { toOutboxEntry } from './outbox-rows.js';
import type { OutboxEntry } from './outbox-rows.js';
import { isStale } from './outbox-staleness.js';

type OutboxBuilder = ExpressionBuilder<Database, 'outbox'>;

/** Entries claimed by other workers whose lease still runs, and when the first lease ends. */
export interface ForeignClaims {
  count: number;
  firstExpiry: string | null;
}

const IDS_PER_STATEMENT = rowsPerStatement(1);

// The first key of the advisory lock that serialises claims per connection on PostgreSQL.
const CLAIM_LOCK_NAMESPACE = 0x63726d6c;

// An entry whose write may be on its way to the CRM: claimed, lease running, not yet settled.
const IN_FLIGHT_STATUSES = ['pending', 'superseded'];

// Unclaimed, or claimed by a worker whose lease has run out (it died or stalled).
function claimable(eb: OutboxBuilder, now: string) {
  return eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<', now)]);
}

// Another entry of the same record is in flight: its write and this one could reach the CRM
// in either order, so this one waits until that one is settled or its lease runs out.
function recordInFlight(eb: OutboxBuilder, now: string) {
  return eb.exists(
    eb
      .selectFrom('outbox as busy')
      .select(sql<number>`1`.as('one'))
      .whereRef('busy.connection_id', '=', 'outbox.connection_id')
      .whereRef('busy.object_type', '=', 'outbox.object_type')
      .whereRef('busy.record_id', '=', 'outbox.record_id')
      .whereRef('busy.id', '<>', 'outbox.id')
      .where('busy.status', 'in', IN_FLIGHT_STATUSES)
      .where('busy.claim_expires_at', '>=', now),
  );
}

/**
 * Claims on write-back outbox entries, so many workers can drain one connection's outbox
 * without writing an entry twice and without two writes of one record in flight at once.
 * One atomic UPDATE … RETURNING hands out entries; on PostgreSQL, claimers of one connection
 * take turns on an advisory lock, so each sees the claims the previous one made.
 */
export class OutboxClaims {
  private readonly postgres: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /**
   * Claims up to `limit` fresh pending entries for `leaseMs`, oldest first, skipping records
   * with another entry in flight.
   */
  async claim(
    connectionId: string,
    workerId: string,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxEntry[]> {
    // SQLite runs one write at a time, so the single UPDATE below is atomic on its own (a
    // transaction there would only risk SQLITE_BUSY on the lock upgrade).
    const rows = this.postgres
      ? await this.db.transaction().execute(async (trx) => {
          const key = sql`hashtext(${connectionId})`;
          await sql`select pg_advisory_xact_lock(${CLAIM_LOCK_NAMESPACE}, ${key})`.execute(trx);
          return this.claimRows(trx, connectionId, workerId, limit, leaseMs);
        })
      : await this.claimRows(this.db, connectionId, workerId, limit, leaseMs);
    return rows.map((row) => toOutboxEntry({ ...row, id: Number(row.id) })).sort(byId);
  }

  // Reads the clock after the lock: the previous claimer's entries are committed and visible.
  private claimRows(
    trx: Kysely<Database>,
    connectionId: string,
    workerId: string,
    limit: number,
    leaseMs: number,
  ) {
    const now = this.now();
    const expires = new Date(Date.parse(now) + leaseMs).toISOString();

    // The candidates are picked once, in a materialised CTE: as a plain IN subquery,
    // PostgreSQL may re-run it per row and the LIMIT stops limiting.
    const candidates = trx
      .selectFrom('outbox')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending')
      .where((eb) => claimable(eb, now))
      .where((eb) => eb.not(recordInFlight(eb, now)))
      .where((eb) => eb.not(isStale(eb)))
      .orderBy('id')
      .limit(limit);

    return trx
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
  }

  /**
   * Extends to `leaseMs` from now the leases `workerId` still holds on `ids`, while it is still
   * sending them, and returns those ids. A lease that has run out is left alone: another
   * worker may hold the record's next entry by now.
   */
  async renew(ids: readonly number[], workerId: string, leaseMs: number): Promise<number[]> {
    const now = this.now();
    const expires = new Date(Date.parse(now) + leaseMs).toISOString();
    const renewed: number[] = [];
    for (const slice of chunk([...new Set(ids)], IDS_PER_STATEMENT)) {
      const rows = await this.db
        .updateTable('outbox')
        .set({ claim_expires_at: expires })
        .where('id', 'in', slice)
        .where('claimed_by', '=', workerId)
        .where('status', 'in', IN_FLIGHT_STATUSES)
        .where('claim_expires_at', '>=', now)
        .returning('id')
        .execute();
      renewed.push(...rows.map((row) => Number(row.id)));
    }
    return renewed;
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

  /** Hands back every entry `workerId` holds, e.g. when that worker shuts down. */
  async releaseWorker(workerId: string): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ claimed_by: null, claim_expires_at: null })
      .where('claimed_by', '=', workerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Entries other workers hold right now. Superseded ones count too: a write already sent
   * may still land, and the record's fresh entry waits for it.
   */
  async foreign(connectionId: string, workerId: string): Promise<ForeignClaims> {
    const now = this.now();
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('claim_expires_at').as('first_expiry'),
      ])
      .where('connection_id', '=', connectionId)
      .where('status', 'in', IN_FLIGHT_STATUSES)
      .where('claim_expires_at', '>=', now)
      .where('claimed_by', '<>', workerId)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), firstExpiry: row?.first_expiry ?? null };
  }
}

function byId(a: OutboxEntry, b: OutboxEntry): number {
  return a.id - b.id;
}
