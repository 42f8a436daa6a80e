import type { Kysely, Selectable } from 'kysely';

import { chunk, rowsPerStatement } from './chunk.js';
import type { Database, OutboxTable } from './database-schema.js';

type OutboxRow = Selectable<OutboxTable>;

/** The values a record should hold for one plugin, and whether their write is under way. */
interface Fresher {
  field_values: string;
  model_version: number;
  scored_at: string;
  id: number;
  inFlight: boolean;
}

const IDS_PER_STATEMENT = rowsPerStatement(1);

/**
 * After `written` reached the CRM, queues the fresh values again wherever one of them may
 * have landed over fresher ones: the CRM already got fresher values from us (a worker whose
 * lease ran out sent a stale write late), or a fresher entry is in flight and may have landed
 * first. A fresher entry not yet sent needs nothing: it is written after this one. Runs in
 * the transaction that marks `written`; returns the repair entries queued.
 */
export async function queueRepairs(
  trx: Kysely<Database>,
  written: readonly OutboxRow[],
  now: string,
): Promise<number> {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of written) {
    const key = JSON.stringify([row.connection_id, row.object_type, row.plugin_id]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }

  const repairs: OutboxRow[] = [];
  for (const rows of groups.values()) {
    const fresher = await freshestOthers(trx, rows, now);
    for (const row of rows) {
      const best = fresher.get(row.record_id);
      if (!best || !isFresher(best, row) || !best.inFlight) continue;
      // The CRM holds the same values either way.
      if (best.field_values === row.field_values && best.model_version === row.model_version) {
        continue;
      }
      repairs.push({
        ...row,
        field_values: best.field_values,
        model_version: best.model_version,
        scored_at: best.scored_at,
      });
    }
  }

  const rows = repairs.map((row) => ({
    connection_id: row.connection_id,
    object_type: row.object_type,
    record_id: row.record_id,
    plugin_id: row.plugin_id,
    field_values: row.field_values,
    model_version: row.model_version,
    scored_at: row.scored_at,
    status: 'pending',
    attempts: 0,
    created_at: now,
    updated_at: now,
  }));
  for (const slice of chunk(rows, rowsPerStatement(11))) {
    await trx.insertInto('outbox').values(slice).execute();
  }
  return rows.length;
}

/**
 * Per record of `rows` (one connection, object type and plugin): the freshest of what the
 * CRM last got from us and the pending entries. What the CRM got counts as "in flight" here:
 * it was overwritten if it is fresher than the write that just landed.
 */
async function freshestOthers(
  trx: Kysely<Database>,
  rows: readonly OutboxRow[],
  now: string,
): Promise<Map<string, Fresher>> {
  const first = rows[0];
  const best = new Map<string, Fresher>();
  if (!first) return best;
  const keep = (recordId: string, candidate: Fresher): void => {
    const held = best.get(recordId);
    if (!held || isFresher(candidate, held)) best.set(recordId, candidate);
  };

  const recordIds = [...new Set(rows.map((row) => row.record_id))];
  for (const slice of chunk(recordIds, IDS_PER_STATEMENT)) {
    const states = await trx
      .selectFrom('writeback_state')
      .selectAll()
      .where('connection_id', '=', first.connection_id)
      .where('object_type', '=', first.object_type)
      .where('plugin_id', '=', first.plugin_id)
      .where('record_id', 'in', slice)
      .execute();
    for (const state of states) {
      keep(state.record_id, { ...state, id: Number(state.outbox_id), inFlight: true });
    }

    const pending = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('connection_id', '=', first.connection_id)
      .where('object_type', '=', first.object_type)
      .where('plugin_id', '=', first.plugin_id)
      .where('record_id', 'in', slice)
      .where('status', '=', 'pending')
      .execute();
    for (const entry of pending) {
      const inFlight = entry.claim_expires_at !== null && entry.claim_expires_at >= now;
      keep(entry.record_id, { ...entry, id: Number(entry.id), inFlight });
    }
  }
  return best;
}

// Later scoring wins; of two scored at once, the later entry (the outbox's own order).
function isFresher(a: Pick<Fresher, 'scored_at' | 'id'>, b: Pick<OutboxRow, 'scored_at' | 'id'>) {
  return a.scored_at > b.scored_at || (a.scored_at === b.scored_at && a.id > Number(b.id));
}
