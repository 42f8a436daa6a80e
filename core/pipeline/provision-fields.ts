import type { ProvisionResult } from '../../connectors/connector.js';
import { createLogger } from '../logging/logger.js';
import { fieldsToProvision, pluginsWritingTo } from '../writeback/own-fields.js';
import type { PipelineContext } from './pipeline-context.js';

const logger = createLogger('pipeline.provision');

/** What provisioning did: the fields created or found, and the plugins to write again. */
export interface ProvisionSummary extends ProvisionResult {
  /**
   * Plugins with a field created in this run (a first run, or after an uninstall or an admin
   * deleting fields): the CRM holds none of their values, so scoring queues all of them.
   */
  rewrite: string[];
}

/**
 * Creates every plugin's fields that the CRM lacks, per object type. Where a plugin's field
 * had to be created, the store forgets what it wrote there before (those values are gone)
 * and the plugin's scores, so every record is scored and written again.
 */
export async function provisionFields(context: PipelineContext): Promise<ProvisionSummary> {
  const { connector, connectionId, store } = context;
  const summary: ProvisionSummary = { created: [], existing: [], rewrite: [] };

  for (const objectType of new Set(context.plugins.map((plugin) => plugin.objectType))) {
    const plugins = context.plugins.filter((plugin) => plugin.objectType === objectType);
    const result = await connector.provisionFields(objectType, fieldsToProvision(plugins));
    summary.created.push(...result.created);
    summary.existing.push(...result.existing);

    for (const plugin of pluginsWritingTo(plugins, result.created)) {
      // Scores go too: a run stopping before it has queued every value leaves the next run
      // a model that has scored no one, so that run scores and writes everyone.
      await store.scores.forgetPlugin(connectionId, plugin.id);
      const forgotten = await store.outbox.forgetWritten(connectionId, objectType, plugin.id);
      if (forgotten > 0) {
        logger.warn(
          { connectionId, objectType, plugin: plugin.id, forgotten },
          "fields created afresh: the plugin's values are written to every record again",
        );
      }
      summary.rewrite.push(plugin.id);
    }
  }
  return summary;
}
