import type { Kysely } from 'kysely';

import type { Database, RunLeaseTable } from './database-schema.js';

/** A connection's run lease: which run holds it, where that run lives, and until when. */
export interface RunLease {
  connectionId: string;
  runId: string;
  /** Where the run lives, e.g. `host-1 pid 4242`. */
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

export interface RunLeaseRequest {
  connectionId: string;
  runId: string;
  holder: string;
  leaseMs: number;
}

/** Whether a lease was taken; when not, the lease that stands in the way. */
export type LeaseOutcome =
  { acquired: true; lease: RunLease } | { acquired: false; held: RunLease };

function toLease(row: RunLeaseTable): RunLease {
  return {
    connectionId: row.connection_id,
    runId: row.run_id,
    holder: row.holder,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}

/**
 * One run lease per connection, so two runs of one connection on one store never overlap,
 * whichever process they run in. A lease is taken when there is none or the last one
 * expired (its run crashed or froze), kept alive by `renew`, and given back by `release`.
 */
export class RunLeaseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** Takes the connection's lease for `runId` unless another run holds an unexpired one. */
  async acquire(request: RunLeaseRequest): Promise<LeaseOutcome> {
    const acquiredAt = this.now();
    const row: RunLeaseTable = {
      connection_id: request.connectionId,
      run_id: request.runId,
      holder: request.holder,
      acquired_at: acquiredAt,
      expires_at: after(acquiredAt, request.leaseMs),
    };
    // One statement: of two runs taking over an expired lease at once, one wins, the other
    // finds the winner's unexpired lease.
    await this.db
      .insertInto('run_leases')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('connection_id')
          .doUpdateSet({
            run_id: row.run_id,
            holder: row.holder,
            acquired_at: row.acquired_at,
            expires_at: row.expires_at,
          })
          .where('run_leases.expires_at', '<=', acquiredAt),
      )
      .execute();

    const current = await this.get(request.connectionId);
    if (current !== null && current.runId === request.runId) {
      return { acquired: true, lease: current };
    }
    // Released between the two statements: nothing holds it now, so try once more.
    if (current === null) return this.acquire(request);
    return { acquired: false, held: current };
  }

  /** Extends the lease of `runId` by `leaseMs` from now; false when that run no longer holds it. */
  async renew(connectionId: string, runId: string, leaseMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('run_leases')
      .set({ expires_at: after(this.now(), leaseMs) })
      .where('connection_id', '=', connectionId)
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives the lease back, if `runId` still holds it. */
  async release(connectionId: string, runId: string): Promise<void> {
    await this.db
      .deleteFrom('run_leases')
      .where('connection_id', '=', connectionId)
      .where('run_id', '=', runId)
      .execute();
  }

  /** The connection's lease, expired or not; null when there is none. */
  async get(connectionId: string): Promise<RunLease | null> {
    const row = await this.db
      .selectFrom('run_leases')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return row === undefined ? null : toLease(row);
  }
}

function after(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
