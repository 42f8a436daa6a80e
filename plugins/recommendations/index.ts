export {
  createRecommendationsPlugin,
  type RecommendationsPluginSettings,
} from './recommendations-plugin.js';
export {
  evaluateRecommendations,
  DEFAULT_REPEAT_WINDOW_DAYS,
  type EvaluateRecommendationsOptions,
  type ModelFigures,
  type RecommendationsEvaluation,
} from './evaluate-recommendations.js';
export { RecommendationsModel, RECOMMENDATIONS_PLUGIN_ID } from './recommendations-model.js';
export {
  RECOMMENDATIONS_FIELDS,
  RECOMMENDATIONS_FIELD,
  RECOMMENDATION_IDS_FIELD,
} from './recommendations-fields.js';
export {
  parseRecommendationsOptions,
  type RecommendationsOptions,
} from './recommendations-options.js';
export { Recommender, RECOMMENDER_MODELS, type RecommenderModel } from './recommender.js';
export { fitRecommender, type ModelSpec } from './fit-recommender.js';
export { fitEase } from './ease.js';
export { fitItemCf } from './item-cf.js';
