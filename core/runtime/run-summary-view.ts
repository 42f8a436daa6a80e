import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { PluginFigures } from './plugin-figures.js';

/** The headline figures of a run, flat, as `--json` prints them. */
export interface RunHeadline extends PluginFigures {
  run_id: string;
  /** New or changed records of every synced type; `synced_by_type` splits them. */
  synced: number;
  synced_by_type: Record<string, number>;
  unchanged: number;
  deleted: number;
  rejected: number;
  crm_total: number;
  store_total: number;
  fields_created: number;
  trained: boolean;
  /** The fresh model learnt from new outcomes without a full retrain. */
  model_updated: boolean;
  /** Churn's model: `model_version` and the metrics below are churn's (0 and null without). */
  model_version: number;
  /** Churn's model was fully trained in this run (`trained` says whether any plugin was). */
  model_trained: boolean;
  /** Held-out figures of churn's last full training. */
  roc_auc: number | null;
  pr_auc: number | null;
  brier: number | null;
  baseline_roc_auc: number | null;
  /** When this run updated churn's model: the labelled records it learnt from; else null. */
  update_rows: number | null;
  /** ROC AUC on the update's held-out new outcomes, before and after it (null if unmeasured). */
  update_roc_auc_before: number | null;
  update_roc_auc_after: number | null;
  /** Records scored by the plugin that scored the most (churn scores every customer). */
  scored: number;
  scored_by_plugin: Record<string, number>;
  queued: number;
  /** Records written: one update carries every plugin's values for a record. */
  written: number;
  failed: number;
  /** The first records the CRM refused for good, each with its code and the CRM's message. */
  failures: RunSummary['writeback']['failures'];
  api_calls_writeback: number;
  verified: string;
  seconds: RunSummary['seconds'];
  /** Plugins that sat this run out, with the reason (e.g. no orders synced for segments). */
  skipped: Record<string, string>;
  /** Plugins whose existing model was trained afresh, with why (e.g. `options changed`). */
  retrained: Record<string, string>;
  /** What looks wrong with the models trained this run, by plugin (e.g. degenerate segments). */
  warnings: Record<string, string[]>;
}

/** How many refused records the headline names; the run summary keeps every one. */
const HEADLINE_FAILURES = 20;

/** Flattens a run summary (and the other plugins' figures) into what people look at first. */
export function toHeadline(summary: RunSummary, figures: PluginFigures = {}): RunHeadline {
  const sync = summary.sync;
  // A skipped churn did not score: its older model's figures are not this run's.
  const train = summary.train.find((t) => t.pluginId === 'churn' && t.skipped === undefined);
  const metric = (name: string): number | null => train?.metrics[name] ?? null;
  // An updated model's stored figures carry earlier updates' too: only this run's are shown.
  const updateMetric = (name: string): number | null => (train?.updated ? metric(name) : null);
  const scoredByPlugin = Object.fromEntries(summary.score.map((s) => [s.pluginId, s.scored]));
  const syncedByType = Object.fromEntries(sync.map((s) => [s.objectType, s.inserted + s.updated]));

  return {
    run_id: summary.runId,
    synced: sync.reduce((n, s) => n + s.inserted + s.updated, 0),
    synced_by_type: syncedByType,
    unchanged: sync.reduce((n, s) => n + s.unchanged, 0),
    deleted: sync.reduce((n, s) => n + s.deleted, 0),
    rejected: sync.reduce((n, s) => n + s.rejected, 0),
    crm_total: sync.reduce((n, s) => n + s.crmTotal, 0),
    store_total: sync.reduce((n, s) => n + s.storeTotal, 0),
    fields_created: summary.provision.created.length,
    trained: summary.train.some((t) => t.trained),
    model_updated: summary.train.some((t) => t.updated),
    model_version: train?.version ?? 0,
    model_trained: train?.trained ?? false,
    roc_auc: metric('roc_auc'),
    pr_auc: metric('pr_auc'),
    brier: metric('brier'),
    baseline_roc_auc: metric('baseline_roc_auc'),
    update_rows: updateMetric('update_rows'),
    update_roc_auc_before: updateMetric('update_roc_auc_before'),
    update_roc_auc_after: updateMetric('update_roc_auc_after'),
    scored: Math.max(0, ...summary.score.map((s) => s.scored)),
    scored_by_plugin: scoredByPlugin,
    queued: summary.score.reduce((n, s) => n + s.queued, 0),
    written: summary.writeback.written,
    failed: summary.writeback.failed,
    failures: summary.writeback.failures.slice(0, HEADLINE_FAILURES),
    api_calls_writeback: summary.writeback.calls,
    verified: `${summary.verify.matched}/${summary.verify.checked}`,
    seconds: summary.seconds,
    skipped: skippedPlugins(summary),
    retrained: Object.fromEntries(
      summary.train.flatMap((t) => (t.retrained === undefined ? [] : [[t.pluginId, t.retrained]])),
    ),
    warnings: Object.fromEntries(
      summary.train.flatMap((t) => (t.warnings === undefined ? [] : [[t.pluginId, t.warnings]])),
    ),
    ...figures,
  };
}

// Training states the reason; a plugin that never had a model says so at scoring too.
function skippedPlugins(summary: RunSummary): Record<string, string> {
  const skipped: Record<string, string> = {};
  for (const stage of [...summary.train, ...summary.score]) {
    if (stage.skipped !== undefined) skipped[stage.pluginId] ??= stage.skipped;
  }
  return skipped;
}

// A terminal shows a few; `--json` has the headline's list.
const SHOWN_FAILURES = 5;

const fixed = (value: number | null, digits = 3): string =>
  value === null ? 'n/a' : value.toFixed(digits);

/** The same figures as a few lines for a terminal, one line per plugin. */
export function formatHeadline(headline: RunHeadline): string {
  const seconds = Object.entries(headline.seconds)
    .map(([stage, s]) => `${stage} ${s}s`)
    .join(', ');
  const byType = Object.entries(headline.synced_by_type)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  return [
    `synced      ${headline.synced} new or changed (${byType || 'none'}), ` +
      `${headline.unchanged} unchanged, ${headline.deleted} deleted ` +
      `(CRM ${headline.crm_total}, store ${headline.store_total})`,
    `fields      ${headline.fields_created} created`,
    ...churnLine(headline),
    ...pluginLines(headline),
    ...Object.entries(headline.retrained).map(([id, why]) => `retrained   ${id}: ${why}`),
    ...Object.entries(headline.warnings).flatMap(([id, warnings]) =>
      warnings.map((warning) => `warning     ${id}: ${warning}`),
    ),
    ...Object.entries(headline.skipped).map(([id, reason]) => `skipped     ${id}: ${reason}`),
    `scored      ${headline.scored} records, ${headline.queued} plugin values changed`,
    `written     ${headline.written} records in ${headline.api_calls_writeback} calls, ` +
      `${headline.failed} failed; read back ${headline.verified} match`,
    ...headline.failures
      .slice(0, SHOWN_FAILURES)
      .map((failure) => `refused     ${failure.recordId} (${failure.code}): ${failure.message}`),
    `seconds     ${seconds}`,
  ].join('\n');
}

function churnLine(headline: RunHeadline): string[] {
  if (headline.model_version === 0) return [];
  const version = `churn       v${headline.model_version}`;
  if (headline.update_rows !== null) return [`${version} ${updateFigures(headline)}`];
  return [
    `${version}${headline.model_trained ? ' (trained now)' : ''}: ` +
      `held-out ROC AUC ${fixed(headline.roc_auc)}, PR AUC ${fixed(headline.pr_auc)}, ` +
      `Brier ${fixed(headline.brier)} (baseline ROC AUC ${fixed(headline.baseline_roc_auc)})`,
  ];
}

// What this run's update did, measured on the new outcomes it held out, not the old figures.
function updateFigures(headline: RunHeadline): string {
  const before = headline.update_roc_auc_before;
  const after = headline.update_roc_auc_after;
  const measured =
    before === null || after === null
      ? 'ROC AUC not measured (one class among the held-out ones)'
      : `ROC AUC on the held-out ones ${fixed(before)} before, ${fixed(after)} after`;
  return (
    `(updated now from ${headline.update_rows} labelled records): ${measured}; ` +
    `last full training's held-out ROC AUC ${fixed(headline.roc_auc)}`
  );
}

function pluginLines(headline: RunHeadline): string[] {
  const lines: string[] = [];
  const { segments, recommendations, sentiment } = headline;
  if (segments !== undefined) {
    const sizes = Object.entries(segments.names)
      .sort(([, a], [, b]) => b - a)
      // Size first: a name may end in a figure, and "… in 90 days) 166" reads badly.
      .map(([name, size]) => `${size} ${name}`)
      .join(', ');
    lines.push(
      `segments    k=${segments.k} (silhouette ${fixed(segments.silhouette, 2)}): ${sizes}`,
    );
  }
  if (recommendations !== undefined) {
    lines.push(
      `recommend   ${recommendations.model} for ${recommendations.customers} buyers: ` +
        `held-out NDCG@10 ${fixed(recommendations.ndcg_at_10)}`,
    );
  }
  if (sentiment !== undefined) {
    lines.push(
      `sentiment   ${sentiment.customers_scored} customers with recent notes, ` +
        `mean score ${fixed(sentiment.mean_score, 1)} (−100…100)`,
    );
  }
  const next = headline.next_purchase;
  if (next !== undefined) {
    lines.push(
      `next buy    BG/NBD for ${next.customers} buyers: last ${next.holdout_days ?? 'n/a'} days ` +
        `held out, purchases MAE ${fixed(next.holdout_mae, 2)} / RMSE ${fixed(next.holdout_rmse, 2)} ` +
        `(own-rate baseline ${fixed(next.baseline_mae, 2)} / ${fixed(next.baseline_rmse, 2)})`,
    );
  }
  return lines;
}
