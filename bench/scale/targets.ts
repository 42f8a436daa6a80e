import type { Figures } from './bench-run.js';

/** One target of the scale issue, with the measured value and whether it was met. */
export interface TargetCheck {
  target: string;
  value: number | null;
  met: boolean | null;
}

const MIN_CEILING_FRACTION = 0.9;
const MIN_SCORE_PER_S = 50_000;
const MAX_PEAK_RSS_MB = 1536;
const MAX_RESCORE_FRACTION = 0.02;

/** The targets against this run's figures; null where the stage did not run. */
export function checkTargets(
  stages: Readonly<Record<string, Figures>>,
  peakRssMb: number,
  customers: number,
): Record<string, TargetCheck> {
  const writeback = stages['writeback'];
  const fraction = numberOf(writeback?.['ceiling_fraction']);
  const losses = numberOf(writeback?.['lost_records']);
  const score = numberOf(stages['score']?.['records_per_s']);
  // Rescoring for changes is driven by CRM webhooks; polling is the fallback without them,
  // and its first run after a full write-back reads our own writes back (reported beside).
  const rescore = numberOf(stages['rescore']?.['webhook_calls_fraction_of_full_run']);
  const polled = numberOf(stages['rescore']?.['after_full_run_calls_fraction_of_full_run']);
  const steady = numberOf(stages['rescore']?.['steady_calls_fraction_of_full_run']);

  return {
    writeback_ceiling: {
      target: `>= ${MIN_CEILING_FRACTION} of the ceiling with 0 lost records`,
      value: fraction,
      met: fraction === null ? null : fraction >= MIN_CEILING_FRACTION && losses === 0,
    },
    score_throughput: {
      target: `>= ${MIN_SCORE_PER_S} customers/s (the pipeline's score stage)`,
      value: score,
      met: score === null ? null : score >= MIN_SCORE_PER_S,
    },
    peak_rss: {
      target: `<= ${MAX_PEAK_RSS_MB} MB at 1,000,000 customers (this run: ${customers})`,
      value: peakRssMb,
      met: peakRssMb <= MAX_PEAK_RSS_MB,
    },
    rescore_calls: {
      target: `<= ${MAX_RESCORE_FRACTION} of a full run's API calls after 1 % changed (webhooks)`,
      value: rescore,
      met: rescore === null ? null : rescore <= MAX_RESCORE_FRACTION,
    },
    rescore_calls_polling_after_full_run: {
      target: `<= ${MAX_RESCORE_FRACTION} of a full run's calls (polling, first run after it)`,
      value: polled,
      met: polled === null ? null : polled <= MAX_RESCORE_FRACTION,
    },
    rescore_calls_polling_steady: {
      target: `<= ${MAX_RESCORE_FRACTION} of a full run's calls (polling, later runs)`,
      value: steady,
      met: steady === null ? null : steady <= MAX_RESCORE_FRACTION,
    },
  };
}

function numberOf(value: number | string | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}
