import type { RunSummary } from '../pipeline/run-pipeline.js';

/** The headline figures of a run, flat, as `--json` prints them. */
export interface RunHeadline {
  run_id: string;
  synced: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  crm_total: number;
  store_total: number;
  fields_created: number;
  trained: boolean;
  model_version: number;
  roc_auc: number | null;
  pr_auc: number | null;
  brier: number | null;
  baseline_roc_auc: number | null;
  scored: number;
  queued: number;
  written: number;
  failed: number;
  api_calls_writeback: number;
  verified: string;
  seconds: RunSummary['seconds'];
}

/** Flattens a run summary into the figures people and scripts look at first. */
export function toHeadline(summary: RunSummary): RunHeadline {
  const sync = summary.sync;
  const train = summary.train[0];
  const metric = (name: string): number | null => train?.metrics[name] ?? null;

  return {
    run_id: summary.runId,
    synced: sync.reduce((n, s) => n + s.inserted + s.updated, 0),
    unchanged: sync.reduce((n, s) => n + s.unchanged, 0),
    deleted: sync.reduce((n, s) => n + s.deleted, 0),
    rejected: sync.reduce((n, s) => n + s.rejected, 0),
    crm_total: sync.reduce((n, s) => n + s.crmTotal, 0),
    store_total: sync.reduce((n, s) => n + s.storeTotal, 0),
    fields_created: summary.provision.created.length,
    trained: summary.train.some((t) => t.trained),
    model_version: train?.version ?? 0,
    roc_auc: metric('roc_auc'),
    pr_auc: metric('pr_auc'),
    brier: metric('brier'),
    baseline_roc_auc: metric('baseline_roc_auc'),
    scored: summary.score.reduce((n, s) => n + s.scored, 0),
    queued: summary.score.reduce((n, s) => n + s.queued, 0),
    written: summary.writeback.written,
    failed: summary.writeback.failed,
    api_calls_writeback: summary.writeback.calls,
    verified: `${summary.verify.matched}/${summary.verify.checked}`,
    seconds: summary.seconds,
  };
}

/** The same figures as a few lines for a terminal. */
export function formatHeadline(headline: RunHeadline): string {
  const fixed = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(3));
  const seconds = Object.entries(headline.seconds)
    .map(([stage, s]) => `${stage} ${s}s`)
    .join(', ');
  return [
    `synced      ${headline.synced} new or changed, ${headline.unchanged} unchanged, ` +
      `${headline.deleted} deleted (CRM ${headline.crm_total}, store ${headline.store_total})`,
    `fields      ${headline.fields_created} created`,
    `model       v${headline.model_version}${headline.trained ? ' (trained now)' : ''}: ` +
      `held-out ROC AUC ${fixed(headline.roc_auc)}, PR AUC ${fixed(headline.pr_auc)}, ` +
      `Brier ${fixed(headline.brier)} (baseline ROC AUC ${fixed(headline.baseline_roc_auc)})`,
    `scored      ${headline.scored} records, ${headline.queued} with changed values`,
    `written     ${headline.written} records in ${headline.api_calls_writeback} calls, ` +
      `${headline.failed} failed; read back ${headline.verified} match`,
    `seconds     ${seconds}`,
  ].join('\n');
}
