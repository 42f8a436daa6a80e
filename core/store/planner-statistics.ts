import { PostgresAdapter, sql, type Kysely } from 'kysely';

import { createLogger } from '../logging/logger.js';
import type { Database } from './database-schema.js';

const logger = createLogger('store');

/** Tables a run fills by the thousand, whose plans depend on how many rows they hold. */
export type GrowingTable = 'outbox' | 'scores' | 'writeback_state';

// Below this many new rows a wrong row count cannot make a plan slow enough to matter.
const MIN_GROWTH = 1_000;

// Rows written per database and table since the table was last analysed from here.
const writtenByDatabase = new WeakMap<Kysely<Database>, Map<GrowingTable, number>>();

/**
 * Counts `rows` just committed to `table` and, on PostgreSQL, analyses the table once the rows
 * written since it was last analysed from here are as many as the planner believes it holds
 * (the table at least doubled): a handful of ANALYZEs per run, each sampling at most 30,000
 * rows. The planner's count is read afresh each time, so a table emptied, or analysed by
 * autovacuum meanwhile, is judged by what the planner believes now.
 *
 * Autovacuum analyses a table a minute or more after it changed. Until then the planner keeps
 * believing an emptied or new outbox is empty while a run writes 20,000 entries into it, and
 * picks plans whose per-entry subqueries scan every pending entry: write-back's first read
 * after scoring 20,000 records took 100–160 s instead of 0.3 s.
 */
export async function analyzeAfterGrowth(
  db: Kysely<Database>,
  table: GrowingTable,
  rows: number,
): Promise<void> {
  if (rows <= 0 || !(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const tables = writtenByDatabase.get(db) ?? new Map<GrowingTable, number>();
  writtenByDatabase.set(db, tables);
  const written = (tables.get(table) ?? 0) + rows;
  tables.set(table, written);
  // Below this, no catalog lookup either: most write-back batches end here.
  if (written < MIN_GROWTH) return;

  const before = await believedRows(db, table);
  if (written < before) return;
  // Reset first: batches committed meanwhile must not start a second ANALYZE of the same growth.
  tables.set(table, 0);
  const started = performance.now();
  try {
    // SKIP_LOCKED: when autovacuum or another worker is analysing the table, theirs will do.
    await sql`analyze (skip_locked) ${sql.table(table)}`.execute(db);
    const after = await believedRows(db, table);
    const ms = Math.round(performance.now() - started);
    logger.debug({ table, before, after, ms }, 'table analysed after growing');
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
