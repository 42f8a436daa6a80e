import type { Kysely } from 'kysely';

import type { ObjectType } from '../records/crm-record.js';
import { toIsoTimestamp } from './column-codec.js';
import type { Database } from './database-schema.js';

/** One record change a CRM webhook reported, with the CRM's id of the notification. */
export interface InboundChangeInput {
  /** Unique per notification within `source`; a redelivery repeats it. */
  deliveryId: string;
  connectionId: string;
  objectType: ObjectType;
  recordId: string;
}

/** A change waiting for a run to pick it up. */
export interface PendingChange {
  connectionId: string;
  objectType: ObjectType;
  recordId: string;
  receivedAt: string;
}

/**
 * The durable inbox of inbound CRM webhooks. `accept` is the one step between a verified
 * request and its 200: it stores each new change and, by the same insert, marks its delivery
 * id seen, so a crash after the answer loses nothing and a redelivery adds nothing.
 */
export class InboundChangeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores the changes whose delivery id is new to `source` (or whose earlier, handled row
   * has expired) and returns how many were new. Safe against concurrent callers.
   */
  async accept(
    source: string,
    changes: readonly InboundChangeInput[],
    now: string,
    expiresAt: string,
  ): Promise<number> {
    const at = toIsoTimestamp(now, 'now');
    await this.db
      .deleteFrom('inbound_changes')
      .where('source', '=', source)
      .where('expires_at', '<=', at)
      .where('handled_at', 'is not', null)
      .execute();

    const unique = new Map(changes.map((change) => [change.deliveryId, change]));
    if (unique.size === 0) return 0;
    const rows = await this.db
      .insertInto('inbound_changes')
      .values(
        [...unique.values()].map((change) => ({
          source,
          delivery_id: change.deliveryId,
          connection_id: change.connectionId,
          object_type: change.objectType,
          record_id: change.recordId,
          received_at: at,
          expires_at: toIsoTimestamp(expiresAt, 'expiresAt'),
          handled_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
      .returning('delivery_id')
      .execute();
    return rows.length;
  }

  /** Connections with changes no run has handled yet. */
  async pendingConnections(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('inbound_changes')
      .select('connection_id')
      .distinct()
      .where('handled_at', 'is', null)
      .execute();
    return rows.map((row) => row.connection_id);
  }

  /** The connection's unhandled changes, oldest first. */
  async pending(connectionId: string, limit = 10_000): Promise<PendingChange[]> {
    const rows = await this.db
      .selectFrom('inbound_changes')
      .select(['connection_id', 'object_type', 'record_id', 'received_at'])
      .where('connection_id', '=', connectionId)
      .where('handled_at', 'is', null)
      .orderBy('received_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      connectionId: row.connection_id,
      objectType: row.object_type as ObjectType,
      recordId: row.record_id,
      receivedAt: row.received_at,
    }));
  }

  /** Marks the connection's changes received up to `receivedUpTo` handled; returns how many. */
  async markHandled(connectionId: string, receivedUpTo: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('inbound_changes')
      .set({ handled_at: toIsoTimestamp(now, 'now') })
      .where('connection_id', '=', connectionId)
      .where('handled_at', 'is', null)
      .where('received_at', '<=', toIsoTimestamp(receivedUpTo, 'receivedUpTo'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
