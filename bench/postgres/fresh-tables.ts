// Scoring and the first write-back read on PostgreSQL while the planner's statistics describe
// the outbox and scores tables as empty (emptied and analysed, as autovacuum leaves them),
// beside the same with statistics of the filled tables. Not a test:
//   DATABASE_URL=postgres://… node --import tsx bench/postgres/fresh-tables.ts [--records N]
// prints one JSON object of seconds. Autovacuum is off on those tables for the measurement,
// as it would be busy elsewhere: it analyses a table a minute or more after it changed.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import pg from 'pg';

import { createCsvConnector } from '../../connectors/csv/index.js';
import { TELCO_SEED_PATH } from '../../connectors/hubspot/sandbox/index.js';
import type { PipelineContext } from '../../core/pipeline/pipeline-context.js';
import { scoreRecords } from '../../core/pipeline/score-records.js';
import { syncRecords } from '../../core/pipeline/sync-records.js';
import { trainModels } from '../../core/pipeline/train-models.js';
import { openStore } from '../../core/store/index.js';
import { createChurnPlugin } from '../../plugins/churn/index.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const records = Number(values.records);
const databaseUrl = process.env['DATABASE_URL'];
if (!databaseUrl) throw new Error('DATABASE_URL names the PostgreSQL database to measure on');

const TABLES = ['scores', 'outbox', 'writeback_state'];
const schema = `crm_ml_bench_${randomUUID().slice(0, 8)}`;
const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const directory = await mkdtemp(join(tmpdir(), 'crm-ml-pg-bench-'));
const url = new URL(databaseUrl);
url.searchParams.set('options', `-c search_path=${schema}`);
const sql = (text: string) => admin.query(`set search_path = "${schema}"; ${text}`);
const seconds = (since: number): number => Math.round(performance.now() - since) / 1000;

try {
  await admin.query(`create schema "${schema}"`);
  const store = await openStore({ databaseUrl: url.toString() });
  for (const table of TABLES) await sql(`alter table ${table} set (autovacuum_enabled = off)`);
  const context: PipelineContext = {
    store,
    connector: createCsvConnector({ inputPath: await telcoFile(records), idColumn: 'customerID' }),
    connectionId: 'pg-bench',
    plugins: [createChurnPlugin()],
    pluginOptions: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
    seed: 42,
    now: () => new Date(),
  };
  await syncRecords(context, 'contacts');
  await trainModels(context, { force: true });

  /** One scoring run, then the read write-back starts with; seconds of each. */
  const measure = async () => {
    let started = performance.now();
    await scoreRecords(context, { runId: randomUUID() });
    const score = seconds(started);
    started = performance.now();
    await store.outbox.pending(context.connectionId, { limit: 50_000 });
    return { score, writeback_read: seconds(started) };
  };

  const newTables = await measure();
  // Emptied, then analysed: no live rows on many pages, which the planner reads as "empty
  // however far it grows" until the next ANALYZE.
  await sql(`delete from outbox; delete from scores; analyze ${TABLES.join(', ')}`);
  const emptiedAndAnalysed = await measure();
  // The same rows, with the statistics of the filled tables (autovacuum caught up).
  await sql(`analyze ${TABLES.join(', ')}; delete from outbox; delete from scores`);
  const analysedFull = await measure();

  await store.close();
  const figures = { records, newTables, emptiedAndAnalysed, analysedFull };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
  await rm(directory, { recursive: true, force: true });
}

/** The Telco customers repeated up to `count` rows, each with an id of its own. */
async function telcoFile(count: number): Promise<string> {
  const [header, ...rows] = (await readFile(TELCO_SEED_PATH, 'utf8')).trim().split('\n');
  const lines = [header];
  for (let i = 0; i < count; i += 1) {
    const row = rows[i % rows.length] ?? '';
    lines.push(row.replace(/^[^,]*/, `C${i}`));
  }
  const path = join(directory, 'customers.csv');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
