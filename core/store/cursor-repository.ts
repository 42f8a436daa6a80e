import type { Kysely } from 'kysely';

import type { ObjectType } from '../records/crm-record.js';
import type { Database } from './database-schema.js';

/** Sync cursors, one per (connection, object type). `RecordRepository.savePage` sets them too. */
export class CursorRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** The cursor to resume reading from, or null for a full sync. */
  async get(connectionId: string, objectType: ObjectType): Promise<string | null> {
    const row = await this.db
      .selectFrom('cursors')
      .select('cursor')
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .executeTakeFirst();
    return row?.cursor ?? null;
  }

  /** Saves a cursor on its own; prefer `savePage`, which saves it with the records it covers. */
  async set(connectionId: string, objectType: ObjectType, cursor: string): Promise<void> {
    const updatedAt = this.now();
    await this.db
      .insertInto('cursors')
      .values({
        connection_id: connectionId,
        object_type: objectType,
        cursor,
        updated_at: updatedAt,
      })
      .onConflict((oc) =>
        oc.columns(['connection_id', 'object_type']).doUpdateSet({ cursor, updated_at: updatedAt }),
      )
      .execute();
  }

  /** Forgets cursors so the next sync is a full one; returns how many were removed. */
  async clear(connectionId: string, objectType?: ObjectType): Promise<number> {
    let query = this.db.deleteFrom('cursors').where('connection_id', '=', connectionId);
    if (objectType !== undefined) query = query.where('object_type', '=', objectType);

    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
