import { syncRecords } from '../../core/pipeline/sync-records.js';
import { round, ratio, type BenchRun, type Figures } from './bench-run.js';
import { measureStage } from './stage-meter.js';

/** Connector → store: a full sync of every customer through the rate-limited list endpoint. */
export async function runSyncStage(run: BenchRun): Promise<Figures> {
  const { result, measure } = await measureStage(run.sandbox, () =>
    syncRecords(run.context, 'contacts'),
  );
  const callsPerSecond = measure.calls / measure.seconds;

  return {
    records: result.read,
    stored: result.storeTotal,
    seconds: round(measure.seconds),
    records_per_s: round(result.read / measure.seconds, 1),
    calls: measure.calls,
    calls_per_s: round(callsPerSecond),
    ceiling_fraction: ratio(callsPerSecond, run.ceilingPerSecond),
    rate_limited_429: measure.rateLimited,
    peak_rss_mb: round(measure.peakRssMb, 1),
  };
}
