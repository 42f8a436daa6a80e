import { PostgresAdapter, sql, type Kysely } from 'kysely';

import { createLogger } from '../logging/logger.js';
import type { Database } from './database-schema.js';

const logger = createLogger('store');

/** Tables a run fills by the thousand, whose plans depend on how many rows they hold. */
export type GrowingTable = 'outbox' | 'scores' | 'writeback_state';

// Below this many new rows a wrong row count cannot make a plan slow enough to matter.
const MIN_GROWTH = 1_000;

/** What the planner last believed a table held, and the rows written since. */
interface TableGrowth {
  believed: number;
  written: number;
}

const growthByDatabase = new WeakMap<Kysely<Database>, Map<GrowingTable, TableGrowth>>();

/**
 * Counts `rows` just committed to `table` and, on PostgreSQL, analyses the table once the rows
 * written since it was last analysed match what the planner then believed it held (it has at
 * least doubled): a handful of ANALYZEs per run, each sampling at most 30,000 rows.
 *
 * Autovacuum analyses a table a minute or more after it changed. Until then the planner keeps
 * believing an emptied or new outbox is empty while a run writes 20,000 entries into it, and
 * picks plans whose per-entry subqueries scan every pending entry: scoring 20,000 records took
 * ~85 s instead of ~2 s, and write-back's first read ~100 s instead of 0.3 s.
 */
export async function analyzeAfterGrowth(
  db: Kysely<Database>,
  table: GrowingTable,
  rows: number,
): Promise<void> {
  if (rows <= 0 || !(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const tables = growthByDatabase.get(db) ?? new Map<GrowingTable, TableGrowth>();
  growthByDatabase.set(db, tables);
  let growth = tables.get(table);
  if (growth === undefined) {
    growth = { believed: await believedRows(db, table), written: 0 };
    tables.set(table, growth);
  }

  growth.written += rows;
  if (growth.written < Math.max(MIN_GROWTH, growth.believed)) return;
  // Reset first: batches committed meanwhile must not start a second ANALYZE of the same growth.
  growth.written = 0;
  const started = performance.now();
  try {
    // SKIP_LOCKED: when autovacuum or another worker is analysing the table, theirs will do.
    await sql`analyze (skip_locked) ${sql.table(table)}`.execute(db);
    const before = growth.believed;
    growth.believed = await believedRows(db, table);
    const ms = Math.round(performance.now() - started);
    logger.debug({ table, before, after: growth.believed, ms }, 'table analysed after growing');
  } catch (err) {
    // Plans stay as they were until autovacuum analyses the table; the write itself is done.
    logger.warn({ err, table }, 'ANALYZE after a large write failed');
  }
}

/** The planner's row count for `table`; -1 (never analysed) counts as none. */
async function believedRows(db: Kysely<Database>, table: GrowingTable): Promise<number> {
  const result = await sql<{ reltuples: number | string | null }>`
    select reltuples from pg_class where oid = to_regclass(${table})
  `.execute(db);
  return Math.max(0, Number(result.rows[0]?.reltuples ?? 0));
}
