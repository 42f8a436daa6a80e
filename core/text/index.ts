export {
  detectLanguage,
  scriptShares,
  DOMINANT_SCRIPT_SHARE,
  type ScriptShares,
  type TextLanguage,
} from './detect-language.js';
export { stripHtml } from './strip-html.js';
export { normaliseText, truncateText, MAX_TEXT_CHARS } from './normalise-text.js';
export { tokeniseEnglish, type TokeniseOptions } from './tokenise-english.js';
export { tokeniseChinese } from './tokenise-chinese.js';
export { tokenise } from './tokenise.js';
export {
  markNegation,
  isNegated,
  withoutNegation,
  NEGATED_PREFIX,
  type NegationRule,
} from './negation.js';
export { ENGLISH_STOP_WORDS, CHINESE_STOP_WORDS, isStopWord } from './stop-words.js';
export {
  countTerms,
  dot,
  normaliseVector,
  vectorNorm,
  type SparseVector,
} from './sparse-vector.js';
export {
  IdfTable,
  type IdfFitOptions,
  type IdfTableJson,
  type IndexedVector,
} from './idf-table.js';
export { wordNgrams } from './word-ngrams.js';
export { contentTerms, corpusKeywords, documentKeywords, type Keyword } from './keywords.js';
export {
  TopicModel,
  type Topic,
  type TopicFitOptions,
  type TopicModelJson,
} from './topic-model.js';
