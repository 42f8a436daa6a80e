import { scoreRecords } from '../../core/pipeline/score-records.js';
import { syncChangedRecords } from '../../core/pipeline/sync-changed-records.js';
import { syncRecords } from '../../core/pipeline/sync-records.js';
import { executeWriteback } from '../../core/writeback/execute-writeback.js';
import { ratio, round, type BenchRun, type Figures } from './bench-run.js';
import { measureStage } from './stage-meter.js';

const CHANGED_FRACTION = 0.01;

/**
 * Rescoring after 1 % of customers changed in the CRM: sync of what changed, scoring of the
 * changed records only, write-back of the values that moved. Three rounds, each after its
 * own 1 %: first as CRM webhooks drive it (the changed ids are known, records are read by
 * id); then by polling right after the full run, whose own write-back touched every record's
 * last-modified date (so incremental sync reads every record once more); then polling
 * again, the steady state of a scheduled job.
 */
export async function runRescoreStage(run: BenchRun, fullRunCalls: number): Promise<Figures> {
  const webhook = await rescoreRound(run, 1, 'webhook');
  const first = await rescoreRound(run, 2, 'polling');
  const steady = await rescoreRound(run, 3, 'polling');
  return {
    full_run_calls: fullRunCalls,
    ...prefixed('webhook_', webhook, fullRunCalls),
    ...prefixed('after_full_run_', first, fullRunCalls),
    ...prefixed('steady_', steady, fullRunCalls),
  };
}

interface Round {
  changed: number;
  synced: number;
  rescored: number;
  written: number;
  calls: number;
  rateLimited: number;
  seconds: number;
}

async function rescoreRound(
  run: BenchRun,
  roundNumber: number,
  how: 'webhook' | 'polling',
): Promise<Round> {
  const seed = run.options.seed + roundNumber;
  const { changed, ids } = await run.sandbox.change(CHANGED_FRACTION, seed);
  const changedSince = run.context.now().toISOString();

  const { result, measure } = await measureStage(run.sandbox, async () => {
    const sync =
      how === 'webhook'
        ? await syncChangedRecords(run.context, 'contacts', ids)
        : await syncRecords(run.context, 'contacts');
    const [score] = await scoreRecords(run.context, { changedSince });
    const writeback = await executeWriteback(run.context);
    return { synced: sync.read, rescored: score?.scored ?? 0, written: writeback.written };
  });
  const { calls, rateLimited, seconds } = measure;
  return { changed, ...result, calls, rateLimited, seconds };
}

function prefixed(prefix: string, figures: Round, fullRunCalls: number): Figures {
  return {
    [`${prefix}changed`]: figures.changed,
    [`${prefix}synced`]: figures.synced,
    [`${prefix}rescored`]: figures.rescored,
    [`${prefix}written`]: figures.written,
    [`${prefix}calls`]: figures.calls,
    // Refused calls are retried by the connector; they cost calls, not records.
    [`${prefix}rate_limited_429`]: figures.rateLimited,
    [`${prefix}seconds`]: round(figures.seconds),
    [`${prefix}calls_fraction_of_full_run`]: ratio(figures.calls, fullRunCalls),
  };
}
