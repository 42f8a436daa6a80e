import type { components } from '../../openapi/crm-ml.js';
import type { StoredScore } from '../store/index.js';
import type { ApiContext } from './api-context.js';

type RecordScoreView = components['schemas']['RecordScore'];

// Plugins that explain a score write the reasons into a `…_drivers` field, comma separated.
function driversOf(values: StoredScore['values']): string[] | null {
  const entry = Object.entries(values).find(([name]) => name.endsWith('_drivers'));
  const text = entry?.[1];
  if (typeof text !== 'string') return null;
  return text
    .split(', ')
    .map((driver) => driver.trim())
    .filter((driver) => driver !== '');
}

/** The latest score of one record by one plugin, with its model version and drivers. */
export async function latestRecordScore(
  context: ApiContext,
  connectionId: string,
  pluginId: string,
  recordId: string,
): Promise<RecordScoreView | null> {
  const score = await context.store.scores.latest(connectionId, pluginId, recordId);
  if (!score) return null;

  const model = await context.store.models.get(score.modelId);
  return {
    pluginId,
    modelVersion: model?.version ?? null,
    score: score.score,
    values: score.values,
    drivers: driversOf(score.values),
    scoredAt: score.scoredAt,
  };
}

/** The latest score of a record by every plugin that has a model on the connection. */
export async function allRecordScores(
  context: ApiContext,
  connectionId: string,
  recordId: string,
): Promise<RecordScoreView[]> {
  const models = await context.store.models.list(connectionId);
  const pluginIds = [...new Set(models.map((model) => model.pluginId))];
  const scores: RecordScoreView[] = [];
  for (const pluginId of pluginIds) {
    const score = await latestRecordScore(context, connectionId, pluginId, recordId);
    if (score) scores.push(score);
  }
  return scores;
}
