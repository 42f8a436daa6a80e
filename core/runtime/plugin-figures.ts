import { SEGMENT_FIELD } from '../../plugins/segments/segments-fields.js';
import { SENTIMENT_SCORE_FIELD } from '../../plugins/sentiment/sentiment-fields.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { ObjectType, PropertyValue } from '../records/crm-record.js';

/** Each plugin's headline beside churn's, for the run summary; absent for plugins not run. */
export interface PluginFigures {
  /** Segments chosen, and how many customers the CRM now has in each (by name). */
  segments?: { k: number; silhouette: number | null; names: Record<string, number> };
  /** The model family chosen, and its NDCG@10 on the held-out last days of orders. */
  recommendations?: { model: string; ndcg_at_10: number | null; customers: number };
  /** Customers with recent texts and their mean written score (−100…100). */
  sentiment?: { customers_scored: number; mean_score: number | null };
  /** Buyers modelled, and held-out purchase forecast errors beside the own-rate baseline. */
  next_purchase?: {
    customers: number;
    holdout_days: number | null;
    holdout_mae: number | null;
    baseline_mae: number | null;
    holdout_rmse: number | null;
    baseline_rmse: number | null;
    mean_p_alive: number | null;
  };
}

/**
 * Reads the figures that are not in the run summary itself from the store: the values the
 * CRM now holds (`lastWritten`) and the chosen recommender family (the saved model).
 */
export async function readPluginFigures(
  context: PipelineContext,
  summary: RunSummary,
): Promise<PluginFigures> {
  const figures: PluginFigures = {};
  const metrics = (id: string): Record<string, number> | undefined =>
    summary.train.find((train) => train.pluginId === id && train.skipped === undefined)?.metrics;

  const segments = metrics('segments');
  if (segments !== undefined) {
    const written = await writtenValues(context, 'segments', SEGMENT_FIELD);
    const names: Record<string, number> = {};
    for (const name of written.values()) names[String(name)] = (names[String(name)] ?? 0) + 1;
    figures.segments = { k: segments['k'] ?? 0, silhouette: finite(segments['silhouette']), names };
  }

  const recommendations = metrics('recommendations');
  if (recommendations !== undefined) {
    const latest = await context.store.models.latest(context.connectionId, 'recommendations');
    const weights = latest?.saved.weights;
    const model =
      typeof weights === 'object' && weights !== null && !Array.isArray(weights)
        ? String(weights['model'] ?? 'unknown')
        : 'unknown';
    figures.recommendations = {
      model,
      ndcg_at_10: finite(recommendations['validation_ndcg_at_10']),
      customers: recommendations['customers'] ?? 0,
    };
  }

  if (metrics('sentiment') !== undefined) {
    const scores = [...(await writtenValues(context, 'sentiment', SENTIMENT_SCORE_FIELD)).values()]
      .map(Number)
      .filter(Number.isFinite);
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    figures.sentiment = { customers_scored: scores.length, mean_score: finite(mean) };
  }

  const nextPurchase = metrics('next_purchase');
  if (nextPurchase !== undefined) {
    figures.next_purchase = {
      customers: nextPurchase['customers'] ?? 0,
      holdout_days: finite(nextPurchase['holdout_days']),
      holdout_mae: finite(nextPurchase['holdout_mae']),
      baseline_mae: finite(nextPurchase['baseline_mae']),
      holdout_rmse: finite(nextPurchase['holdout_rmse']),
      baseline_rmse: finite(nextPurchase['baseline_rmse']),
      mean_p_alive: finite(nextPurchase['mean_p_alive']),
    };
  }
  return figures;
}

/** What the CRM last got from `pluginId` for `field`, per record of the plugin's type. */
async function writtenValues(
  context: PipelineContext,
  pluginId: string,
  field: string,
): Promise<Map<string, PropertyValue>> {
  const plugin = context.plugins.find((candidate) => candidate.id === pluginId);
  const values = new Map<string, PropertyValue>();
  if (plugin === undefined) return values;

  const objectType: ObjectType = plugin.objectType;
  for await (const batch of context.store.records.iterate(context.connectionId, objectType)) {
    const ids = batch.map((record) => record.id);
    const states = await context.store.outbox.lastWritten(
      context.connectionId,
      objectType,
      pluginId,
      ids,
    );
    for (const [id, state] of states) {
      const value = state.values[field];
      if (value !== undefined && value !== null) values.set(id, value);
    }
  }
  return values;
}

function finite(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
