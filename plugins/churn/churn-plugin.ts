import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { CHURN_FIELDS } from './churn-fields.js';
import { CHURN_PLUGIN_ID, ChurnModel } from './churn-model.js';
import { parseChurnOptions } from './churn-options.js';
import { assertTargetUsable, churnLabel } from './churn-target.js';
import { splitKey } from './split-key.js';
import { trainChurn } from './train-churn.js';

const logger = createLogger('plugin.churn');

// The worker module beside this file, with this file's extension (.ts under tsx, .js built).
const SCORE_WORKER = new URL(
  `./churn-score-worker${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
).href;

/**
 * The churn plugin: learns who is likely to leave from contact properties and writes a
 * 0–100 score, a low/medium/high risk and the top drivers back to the CRM.
 *
 * @example
 * const plugin = createChurnPlugin();
 * const model = await plugin.train(records, { logger, seed: 42, options: { target: 'churn' } });
 * const scores = await model.score(records);
 */
export function createChurnPlugin(): Plugin {
  return {
    id: CHURN_PLUGIN_ID,
    label: 'Churn risk',
    objectType: 'contacts',
    fields: CHURN_FIELDS,
    scoreWorker: SCORE_WORKER,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseChurnOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseChurnOptions(context.options);
      assertTargetUsable(
        records.map((record) => record.properties[options.target]),
        options.target,
        options.positive,
        [...new Set(records.slice(0, 100).flatMap((record) => Object.keys(record.properties)))],
      );

      // Records without a target value are not evidence either way: they are scored later.
      const labelled = records
        .map((record) => ({
          record,
          label: churnLabel(record.properties[options.target], options.positive),
        }))
        .filter((entry): entry is { record: CrmRecord; label: 0 | 1 } => entry.label !== undefined);

      const result = await trainChurn(
        labelled.map((entry) => entry.record.properties),
        Float64Array.from(labelled, (entry) => entry.label),
        {
          exclude: [options.target, ...options.exclude],
          families: options.families,
          seed: context.seed,
          logger: context.logger,
          refit: true,
          ids: labelled.map((entry) => splitKey(entry.record, options.idProperty)),
          ...(context.progress ? { progress: context.progress } : {}),
          ...(context.signal ? { signal: context.signal } : {}),
        },
      );

      const metrics = { ...result.metrics, unlabelled_rows: records.length - labelled.length };
      const config = {
        version: 1,
        family: result.family,
        target: options.target,
        riskThresholds: options.riskThresholds,
        baselineProperty: result.baselineProperty,
      };
      return new ChurnModel(config, result.pipeline, result.model, metrics, context.logger);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return ChurnModel.load(saved, logger);
    },
  };
}
