import { executeWriteback } from '../../core/writeback/execute-writeback.js';
import { fieldsToProvision } from '../../core/writeback/own-fields.js';
import { ratio, round, type BenchRun, type Figures } from './bench-run.js';
import { runNaiveWriteback } from './naive-writeback.js';
import { measureStage } from './stage-meter.js';

const BATCH_UPDATE_ROUTE = 'POST /crm/v3/objects/:objectType/batch/update';
const NAIVE_RECORDS = 2_000;

/**
 * Planner output → CRM: the outbox drained by the executor in batches of 100, measured
 * against the sandbox's enforced ceiling; then the one-record-per-call baseline.
 */
export async function runWritebackStage(
  run: BenchRun,
): Promise<{ ours: Figures; naive: Figures; fullRunCalls: number }> {
  const { store, connector, connectionId } = run.context;
  const provision = await measureStage(run.sandbox, () =>
    connector.provisionFields('contacts', fieldsToProvision([run.plugin])),
  );
  // Each measurement starts on an empty window, so earlier calls do not lower its rate.
  await drainWindow(run);

  const { result, measure } = await measureStage(run.sandbox, () => executeWriteback(run.context));
  const pending = (await store.outbox.counts(connectionId)).pending ?? 0;
  const writeCalls = measure.byRoute[BATCH_UPDATE_ROUTE] ?? 0;
  const callsPerSecond = measure.calls / measure.seconds;
  const ours: Figures = {
    records: result.written,
    seconds: round(measure.seconds),
    records_per_s: round(result.written / measure.seconds, 1),
    calls: measure.calls,
    batch_calls: writeCalls,
    records_per_call: ratio(result.written, writeCalls),
    calls_per_s: round(callsPerSecond),
    ceiling_per_s: round(run.ceilingPerSecond),
    ceiling_fraction: ratio(callsPerSecond, run.ceilingPerSecond),
    rate_limited_429: measure.rateLimited,
    lost_records: result.failed + result.deferred + pending,
    provision_calls: provision.measure.calls,
    peak_rss_mb: round(measure.peakRssMb, 1),
  };

  await drainWindow(run);
  const naive = await runNaiveWriteback(run, await someIds(run));
  const naiveRate = typeof naive['records_per_s'] === 'number' ? naive['records_per_s'] : 0;
  naive['ours_vs_naive_records_per_s'] = ratio(result.written / measure.seconds, naiveRate);
  return { ours, naive, fullRunCalls: provision.measure.calls + measure.calls };
}

async function someIds(run: BenchRun): Promise<string[]> {
  const { store, connectionId } = run.context;
  const batches = store.records.iterate(connectionId, 'contacts', { batchSize: NAIVE_RECORDS });
  for await (const batch of batches) return batch.map((record) => record.id);
  return [];
}

/** Waits one full window: a rolling window is empty once its interval has passed. */
export function drainWindow(run: BenchRun): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, run.intervalMs));
}
