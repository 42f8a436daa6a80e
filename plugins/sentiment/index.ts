export { createSentimentPlugin, type SentimentPluginSettings } from './sentiment-plugin.js';
export {
  evaluateSentiment,
  type EvaluateSentimentOptions,
  type SentimentEvaluation,
} from './evaluate-sentiment.js';
export {
  SentimentModel,
  SENTIMENT_PLUGIN_ID,
  type TextSentimentResult,
} from './sentiment-model.js';
export {
  SENTIMENT_FIELDS,
  SENTIMENT_SCORE_FIELD,
  SENTIMENT_LABEL_FIELD,
  SENTIMENT_TREND_FIELD,
  KEYWORDS_FIELD,
  NEGATIVE_TOPICS_FIELD,
  sentimentLabel,
  type SentimentLabel,
  type SentimentTrend,
} from './sentiment-fields.js';
export {
  parseSentimentOptions,
  DEFAULT_TEXT_PROPERTIES,
  DEFAULT_TIME_PROPERTIES,
  type SentimentOptions,
} from './sentiment-options.js';
export { scoreText, type TextSentiment } from './sentiment-scorer.js';
export { TextClassifier, type TextClassifierJson } from './text-classifier.js';
export { lexiconBaseline, BASELINE_NAMES } from './lexicon-baseline.js';
export { classificationFigures, type ClassificationFigures } from './classification-figures.js';
