import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Database } from './database-schema.js';

/**
 * The store's identity: the random id migration 0009 made once. Queued jobs carry it, so a
 * worker whose DATABASE_URL names another store (on the same Redis) refuses them.
 */
export async function readStoreIdentity(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('store_identity')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirst();
  if (row === undefined) {
    // Only a hand-edited database gets here: a new id would silently disown queued jobs.
    throw new CrmMlError(
      'store_identity_missing',
      'the store has no row in store_identity (made by migration 0009); restore it from a backup',
    );
  }
  return row.id;
}
