import type { Plugin } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { CrmRecord } from '../records/crm-record.js';
import type { StoredModel } from '../store/index.js';
import type { PipelineContext } from './pipeline-context.js';
import type { TrainSummary } from './train-models.js';

const logger = createLogger('pipeline.update');

/**
 * Between full retrainings, learns from the records that changed since the latest version
 * (new outcomes) when the plugin's model can update itself. The new version keeps the full
 * training's `trainedAt`, so the retraining schedule still counts from it. Returns null when
 * there was nothing to learn from or the model cannot update.
 */
export async function updateModel(
  context: PipelineContext,
  plugin: Plugin,
  latest: StoredModel,
): Promise<TrainSummary | null> {
  const { store, connectionId } = context;
  const model = await plugin.load(latest.saved);
  if (!model.update) return null;

  const ids = await store.records.listChangedSince(
    connectionId,
    plugin.objectType,
    latest.createdAt,
  );
  if (ids.length === 0) return null;
  const records: CrmRecord[] = [];
  for await (const batch of store.records.iterate(connectionId, plugin.objectType, { ids })) {
    records.push(...batch);
  }

  try {
    const updated = await model.update(records, {
      logger: logger.child({ connectionId, plugin: plugin.id }),
      seed: context.seed,
      options: context.pluginOptions[plugin.id] ?? {},
      previous: latest.saved,
    });
    const { id, version } = await store.models.save({
      connectionId,
      pluginId: plugin.id,
      saved: updated.save(),
      trainedAt: latest.trainedAt,
    });
    logger.info(
      { connectionId, plugin: plugin.id, version, records: records.length },
      'model updated',
    );
    return {
      pluginId: plugin.id,
      trained: false,
      updated: true,
      modelId: id,
      version,
      records: records.length,
      metrics: updated.metrics,
    };
  } catch (error) {
    // Too few new outcomes (or none labelled) is a normal quiet period, not a failed run.
    if (error instanceof CrmMlError && !error.retryable) {
      logger.info({ connectionId, plugin: plugin.id, reason: error.code }, 'model not updated');
      return null;
    }
    throw error;
  }
}
