import { createLogger } from '../../core/logging/logger.js';
import type { SavedModel, TrainedModel } from '../plugin.js';
import { ChurnModel } from './churn-model.js';

const logger = createLogger('plugin.churn');

/** The churn model for a scoring thread (`Plugin.scoreWorker`): the same as `plugin.load`. */
export function load(saved: SavedModel): Promise<TrainedModel> {
  return ChurnModel.load(saved, logger);
}
