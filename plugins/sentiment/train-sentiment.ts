import { MissingDataError } from '../missing-data-error.js';
import type { Metrics, TrainContext } from '../plugin.js';
import { customerTexts, type CustomerText } from './customer-texts.js';
import { NegativeTopics, type TopicText } from './negative-topics.js';
import type { SentimentOptions } from './sentiment-options.js';
import { TextScoreCache } from './sentiment-model.js';
import { shippedClassifier } from './shipped-classifiers.js';

/** What `trainSentiment` learns: corpus statistics and the figures to report. */
export interface SentimentTraining {
  topics: NegativeTopics;
  metrics: Metrics;
  classifiers: { en: string; zh: string };
}

// Progress is reported every this many texts: often enough for a bar, rarely enough to be free.
const PROGRESS_EVERY = 200;

/**
 * Needs no labels: scores every related text with the shipped classifiers, then learns IDF
 * and negative topics from them. The metrics are the shipped models' held-out figures
 * (prefixed `en_`, `zh_`) and counts of what was read.
 */
export function trainSentiment(
  options: SentimentOptions,
  context: TrainContext,
): SentimentTraining {
  const byCustomer = customerTexts(context.related, options);
  const unique = new Map<string, CustomerText>();
  for (const list of byCustomer.values()) for (const text of list) unique.set(text.recordId, text);
  if (unique.size === 0) {
    const types = [...(context.related?.keys() ?? [])].join(', ') || 'none given';
    throw new MissingDataError(
      'sentiment_no_texts',
      `No texts linked to contacts among the related records (${types})`,
    );
  }

  const cache = new TextScoreCache(context.logger);
  const scored: TopicText[] = [];
  let done = 0;
  for (const text of unique.values()) {
    context.signal?.throwIfAborted();
    const sentiment = cache.get(text);
    if (sentiment) scored.push(sentiment);
    if (++done % PROGRESS_EVERY === 0) context.progress?.(done, unique.size);
  }
  context.progress?.(unique.size, unique.size);

  const topics = NegativeTopics.fit(scored, options.neutralBand, context.seed);
  const en = shippedClassifier('en');
  const zh = shippedClassifier('zh');
  const metrics: Metrics = {
    texts: unique.size,
    scored_texts: scored.length,
    negative_texts: scored.filter((t) => t.score <= -options.neutralBand).length,
    customers_with_texts: byCustomer.size,
    topics: topics.topics.topics.length,
  };
  for (const [language, shipped] of Object.entries({ en, zh })) {
    for (const [name, value] of Object.entries(shipped.classifier.metrics)) {
      metrics[`${language}_${name}`] = value;
    }
  }
  context.logger.info(metrics, 'sentiment corpus statistics learned');
  return { topics, metrics, classifiers: { en: en.digest, zh: zh.digest } };
}
