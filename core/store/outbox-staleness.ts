import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

import type { Database } from './database-schema.js';

/**
 * True for an outbox row that must not be written: another pending entry for the same record
 * and plugin is fresher (later `scored_at`, or the same and enqueued later), or the CRM has
 * already received values scored later than this row's.
 */
export function isStale(eb: ExpressionBuilder<Database, 'outbox'>): Expression<SqlBool> {
  const fresherPending = eb
    .selectFrom('outbox as newer')
    .select(sql<number>`1`.as('one'))
    .whereRef('newer.connection_id', '=', 'outbox.connection_id')
    .whereRef('newer.object_type', '=', 'outbox.object_type')
    .whereRef('newer.plugin_id', '=', 'outbox.plugin_id')
    .whereRef('newer.record_id', '=', 'outbox.record_id')
    .where('newer.status', '=', 'pending')
    .where((inner) =>
      inner.or([
        inner('newer.scored_at', '>', inner.ref('outbox.scored_at')),
        inner.and([
          inner('newer.scored_at', '=', inner.ref('outbox.scored_at')),
          inner('newer.id', '>', inner.ref('outbox.id')),
        ]),
      ]),
    );

  const fresherWrite = eb
    .selectFrom('writeback_state as state')
    .select(sql<number>`1`.as('one'))
    .whereRef('state.connection_id', '=', 'outbox.connection_id')
    .whereRef('state.object_type', '=', 'outbox.object_type')
    .whereRef('state.plugin_id', '=', 'outbox.plugin_id')
    .whereRef('state.record_id', '=', 'outbox.record_id')
    .whereRef('state.scored_at', '>', 'outbox.scored_at');

  return eb.or([eb.exists(fresherPending), eb.exists(fresherWrite)]);
}
