import type { Kysely } from 'kysely';

import { toIsoTimestamp } from './column-codec.js';
import type { Database } from './database-schema.js';

/**
 * Ids of inbound CRM webhooks already handled (HubSpot event ids, Salesforce notification
 * ids, request signatures), each kept until it expires, so a redelivery is recognised.
 */
export class WebhookSeenIdRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records `ids` under `source` until `expiresAt` and returns those not seen before (or seen
   * only under an expired entry). Safe against concurrent callers: each id is new to one only.
   */
  async markSeen(
    source: string,
    ids: readonly string[],
    now: string,
    expiresAt: string,
  ): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const expires = toIsoTimestamp(expiresAt, 'expiresAt');

    await this.db
      .deleteFrom('webhook_seen_ids')
      .where('source', '=', source)
      .where('expires_at', '<=', toIsoTimestamp(now, 'now'))
      .execute();

    // Conflicting rows are skipped and not returned, so the result is exactly the new ids.
    const rows = await this.db
      .insertInto('webhook_seen_ids')
      .values(unique.map((id) => ({ source, id, expires_at: expires })))
      .onConflict((oc) => oc.columns(['source', 'id']).doNothing())
      .returning('id')
      .execute();
    return new Set(rows.map((row) => row.id));
  }
}
