import { availableParallelism } from 'node:os';

import { createHubSpotConnector } from '../../connectors/hubspot/index.js';
import { TELCO_SEED_PATH } from '../../connectors/hubspot/sandbox/index.js';
import type { PipelineContext } from '../../core/pipeline/pipeline-context.js';
import { createChurnPlugin } from '../../plugins/churn/index.js';
import type { BenchOptions } from './bench-options.js';
import { openBenchStore } from './bench-store.js';
import { round, type BenchRun, type Figures } from './bench-run.js';
import { runStages } from './run-stages.js';
import { SandboxHandle } from './sandbox-handle.js';
import { checkTargets, type TargetCheck } from './targets.js';

const TOKEN = 'bench-private-app-token';
const MB = 1024 * 1024;
// Rows the sandbox process generates and stores at a time.
const SEED_CHUNK = 10_000;

/** Everything one bench run measured, as `--json` prints it. */
export interface BenchReport {
  customers: number;
  date: string;
  machine: { nproc: number; node: string; platform: string };
  /** Where the store lived: `sqlite` (a temp file) or `postgres` (`--database-url`). */
  store: 'sqlite' | 'postgres';
  ceiling: { max: number; interval_s: number; per_s: number };
  writeback_ceiling_fraction: number | null;
  score_records_per_s: number | null;
  peak_rss_mb: number;
  sandbox_peak_rss_mb: number;
  baselines: Figures;
  targets: Record<string, TargetCheck>;
  stages: Record<string, Figures>;
}

/** Generates the customers in a sandbox process, then runs and measures each chosen stage. */
export async function runScaleBench(options: BenchOptions): Promise<BenchReport> {
  const intervalMs = options.windowSeconds * 1000;
  // Opened first: a store that cannot be opened must not leave a sandbox process running.
  const { store, remove } = await openBenchStore(options.databaseUrl);
  const sandbox = await SandboxHandle.start({
    accessToken: TOKEN,
    rateLimit: { max: options.ceiling, intervalMs },
    // Search keeps HubSpot's 5/s; the connector spaces searches at that rate whatever the limit.
    searchPerSecond: 5,
    // Room for a million-customer run (sync, write-back, rescoring) within one "day".
    dailyLimit: 10_000_000,
    csvPath: TELCO_SEED_PATH,
  }).catch(async (error: unknown) => {
    await remove();
    throw error;
  });
  const connector = createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url });

  try {
    const seeded = await sandbox.seed(options.customers, options.seed, SEED_CHUNK);
    const generate: Figures = {
      records: seeded.created,
      churn_rate: round(seeded.churned / seeded.created, 4),
      seconds: round(seeded.seconds),
      records_per_s: round(seeded.created / seeded.seconds, 1),
    };

    const context: PipelineContext = {
      store,
      connector,
      connectionId: 'bench-hubspot',
      plugins: [createChurnPlugin()],
      pluginOptions: {
        churn: { target: 'churn', positive: 'Yes', families: ['logistic', 'gbdt'] },
      },
      seed: options.seed,
      now: () => new Date(),
      ...(options.scoreThreads === undefined ? {} : { scoreThreads: options.scoreThreads }),
    };
    const plugin = context.plugins[0];
    if (!plugin) throw new Error('bench: no plugin');
    const run: BenchRun = {
      options,
      sandbox,
      store,
      context,
      plugin,
      ceilingPerSecond: options.ceiling / (intervalMs / 1000),
      intervalMs,
    };

    const stages = { generate, ...(await runStages(run)) };
    return await report(run, stages);
  } finally {
    await connector.close?.();
    await remove();
    await sandbox.close();
  }
}

async function report(run: BenchRun, stages: Record<string, Figures>): Promise<BenchReport> {
  const { options } = run;
  const peakRssMb = round((process.resourceUsage().maxRSS * 1024) / MB, 1);
  const sandboxMemory = await run.sandbox.memory();
  const naive = stages['writeback_naive'] ?? {};
  const score = stages['score'] ?? {};

  return {
    customers: options.customers,
    date: new Date().toISOString(),
    machine: {
      nproc: availableParallelism(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    store: options.databaseUrl === undefined ? 'sqlite' : 'postgres',
    ceiling: {
      max: options.ceiling,
      interval_s: run.intervalMs / 1000,
      per_s: round(run.ceilingPerSecond),
    },
    writeback_ceiling_fraction: numberOrNull(stages['writeback']?.['ceiling_fraction']),
    score_records_per_s: numberOrNull(score['records_per_s']),
    peak_rss_mb: peakRssMb,
    sandbox_peak_rss_mb: round(sandboxMemory.peakRssMb, 1),
    baselines: {
      naive_writeback_records_per_s: naive['records_per_s'] ?? null,
      naive_writeback_ceiling_fraction: naive['ceiling_fraction'] ?? null,
      writeback_vs_naive_records_per_s: naive['ours_vs_naive_records_per_s'] ?? null,
      per_record_score_records_per_s: score['baseline_per_record_records_per_s'] ?? null,
      batched_score_records_per_s: score['model_batched_records_per_s'] ?? null,
      batched_vs_per_record_score: score['batched_vs_per_record'] ?? null,
    },
    targets: checkTargets(stages, peakRssMb, options.customers),
    stages,
  };
}

function numberOrNull(value: number | string | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}
