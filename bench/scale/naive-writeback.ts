import type { FieldUpdate } from '../../connectors/connector.js';
import { MODEL_VERSION_FIELD, SCORED_AT_FIELD } from '../../core/writeback/own-fields.js';
import { round, type BenchRun, type Figures } from './bench-run.js';
import { measureStage } from './stage-meter.js';

/**
 * The write-back baseline: the same values, one record per API call, through the same
 * connector (same pacing and retries), for `naiveSeconds` of wall time. A full naive run at
 * 100k customers would take hours at the ceiling, so its rate is measured, not its total.
 */
export async function runNaiveWriteback(run: BenchRun, recordIds: string[]): Promise<Figures> {
  const { store, connector, connectionId } = run.context;
  const written = await store.outbox.lastWritten(
    connectionId,
    'contacts',
    run.plugin.id,
    recordIds,
  );
  const updates: FieldUpdate[] = [...written].map(([recordId, state]) => ({
    recordId,
    values: {
      ...state.values,
      [SCORED_AT_FIELD]: state.scoredAt,
      [MODEL_VERSION_FIELD]: `${run.plugin.id} v${state.modelVersion}`,
    },
  }));

  const { result, measure } = await measureStage(run.sandbox, async () => {
    const deadline = performance.now() + run.options.naiveSeconds * 1000;
    let done = 0;
    let failed = 0;
    while (performance.now() < deadline && updates.length > 0) {
      const update = updates[done % updates.length] as FieldUpdate;
      const [outcome] = await connector.write('contacts', [update]);
      if (outcome?.ok === true) done += 1;
      else failed += 1;
    }
    return { done, failed };
  });
  const callsPerSecond = measure.calls / measure.seconds;

  return {
    records: result.done,
    failed: result.failed,
    seconds: round(measure.seconds),
    records_per_s: round(result.done / measure.seconds, 2),
    calls: measure.calls,
    calls_per_s: round(callsPerSecond),
    ceiling_fraction: round(callsPerSecond / run.ceilingPerSecond),
    rate_limited_429: measure.rateLimited,
  };
}
