import type { Plugin } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { CrmRecord } from '../records/crm-record.js';
import type { StoredModel } from '../store/index.js';
import type { PipelineContext } from './pipeline-context.js';
import { loadRelatedRecords, type TrainSummary } from './train-models.js';

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

  const changed = await store.records.listChangedSince(
    connectionId,
    plugin.objectType,
    latest.createdAt,
  );
  // New outcomes may sit in the records a plugin reads (a won deal, a logged call): then every
  // scored record is offered, with its related records, and the model picks what is new.
  const inputsChanged = await anyChangedSince(context, plugin, latest.createdAt);
  if (changed.length === 0 && !inputsChanged) return null;
  const records: CrmRecord[] = [];
  const scope = inputsChanged ? {} : { ids: changed };
  for await (const batch of store.records.iterate(connectionId, plugin.objectType, scope)) {
    records.push(...batch);
  }
  const related = inputsChanged ? await loadRelatedRecords(context, plugin) : undefined;

  try {
    const updated = await model.update(records, {
      logger: logger.child({ connectionId, plugin: plugin.id }),
      seed: context.seed,
      options: context.pluginOptions[plugin.id] ?? {},
      previous: latest.saved,
      ...(related === undefined ? {} : { related }),
    });
    const { id, version } = await store.models.save({
      connectionId,
      pluginId: plugin.id,
      saved: updated.save(),
      trainedAt: latest.trainedAt,
      // An update learns new outcomes under the same options; a change of options retrains.
      options: latest.options,
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

/** True when a record of one of the plugin's input types changed after `since`. */
async function anyChangedSince(
  context: PipelineContext,
  plugin: Plugin,
  since: string,
): Promise<boolean> {
  for (const objectType of plugin.inputs ?? []) {
    const ids = await context.store.records.listChangedSince(
      context.connectionId,
      objectType,
      since,
    );
    if (ids.length > 0) return true;
  }
  return false;
}
