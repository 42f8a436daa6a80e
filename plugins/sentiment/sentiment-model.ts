import { z } from 'zod';
import { assertSavedModelOf } from '../assert-saved-model.js';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { Logger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { TextLanguage } from '../../core/text/detect-language.js';
import type {
  Json,
  Metrics,
  RecordScore,
  RelatedRecords,
  SavedModel,
  TrainedModel,
} from '../plugin.js';
import { sentimentTrend, weightedMeanScore, type ScoredText } from './customer-sentiment.js';
import { customerTexts, type CustomerText } from './customer-texts.js';
import { NegativeTopics, type NegativeTopicsJson } from './negative-topics.js';
import {
  KEYWORDS_FIELD,
  NEGATIVE_TOPICS_FIELD,
  SENTIMENT_LABEL_FIELD,
  SENTIMENT_SCORE_FIELD,
  SENTIMENT_TREND_FIELD,
  sentimentLabel,
  type SentimentLabel,
} from './sentiment-fields.js';
import { parseSentimentOptions, type SentimentOptions } from './sentiment-options.js';
import { scoreText, type TextSentiment } from './sentiment-scorer.js';
import { shippedClassifier } from './shipped-classifiers.js';

/** The sentiment plugin's stable id, also stamped on its saved models. */
export const SENTIMENT_PLUGIN_ID = 'sentiment';
const SAVED_VERSION = 1;
const DAY_MS = 86_400_000;

/** The settings a sentiment model keeps beside its corpus statistics. */
export interface SentimentModelConfig {
  version: number;
  options: SentimentOptions;
  /** Digests of the shipped classifier files the model was trained beside. */
  classifiers: { en: string; zh: string };
}

const savedConfigSchema = z.object({
  version: z.literal(SAVED_VERSION),
  options: z.record(z.string(), z.unknown()),
  classifiers: z.object({ en: z.string(), zh: z.string() }),
});

/** Scores texts once per run, even when a note is linked to several customers. */
export class TextScoreCache {
  private readonly scores = new Map<string, TextSentiment | undefined>();

  constructor(private readonly logger: Logger) {}

  get(text: CustomerText): TextSentiment | undefined {
    if (this.scores.has(text.recordId)) return this.scores.get(text.recordId);
    let result: TextSentiment | undefined;
    try {
      result = scoreText(text.raw);
    } catch (error) {
      // One unreadable text must not cost the customer the rest of their score.
      this.logger.warn({ recordId: text.recordId, err: error }, 'text not scored');
    }
    this.scores.set(text.recordId, result);
    return result;
  }
}

/** A trained sentiment model: per-customer sentiment, trend and negative topics. */
/** One recent text of a customer as the model read it. */
export interface TextSentimentResult {
  /** The note, email, call or ticket record. */
  id: string;
  /** Sentiment in [−1, 1], two decimals. */
  score: number;
  label: SentimentLabel;
  language: TextLanguage;
  /** When it was written, ISO 8601 UTC. */
  writtenAt: string;
}

// Per-text lines in `explain`: enough to see the recent tone, within its ten reasons.
const EXPLAINED_TEXTS = 5;

export class SentimentModel implements TrainedModel {
  constructor(
    readonly config: SentimentModelConfig,
    readonly topics: NegativeTopics,
    readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly clock: () => number,
  ) {}

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel, logger: Logger, clock: () => number): SentimentModel {
    assertSavedModelOf(saved, SENTIMENT_PLUGIN_ID);
    const config = savedConfigSchema.safeParse(saved.config);
    const weights = saved.weights as Partial<NegativeTopicsJson> | null;
    if (!config.success || !weights?.idf || !weights.topics) {
      throw new CrmMlError('sentiment_model_invalid', 'Saved sentiment model is incomplete');
    }
    const options = parseSentimentOptions(config.data.options);
    const shipped = { en: shippedClassifier('en').digest, zh: shippedClassifier('zh').digest };
    if (shipped.en !== config.data.classifiers.en || shipped.zh !== config.data.classifiers.zh) {
      // Corpus statistics still apply; only the texts' scores come from newer classifiers.
      logger.warn(
        { saved: config.data.classifiers, shipped },
        'sentiment model trained beside other shipped classifiers; retrain to refresh topics',
      );
    }
    const topics = NegativeTopics.fromJSON(weights as NegativeTopicsJson);
    const restored = { version: SAVED_VERSION, options, classifiers: config.data.classifiers };
    return new SentimentModel(restored, topics, { ...saved.metrics }, logger, clock);
  }

  save(): SavedModel {
    return {
      pluginId: SENTIMENT_PLUGIN_ID,
      config: JSON.parse(JSON.stringify(this.config)) as Json,
      weights: this.topics.toJSON() as unknown as Json,
      metrics: { ...this.metrics },
    };
  }

  /** Scores each customer with at least one readable text in the window; others are skipped. */
  async score(records: readonly CrmRecord[], related?: RelatedRecords): Promise<RecordScore[]> {
    const now = this.clock();
    const texts = customerTexts(related, this.config.options);
    const cache = new TextScoreCache(this.logger);

    const scores: RecordScore[] = [];
    for (const record of records) {
      const scored = this.recentScored(texts.get(record.id) ?? [], now, cache);
      if (scored.length > 0) scores.push(this.scoreCustomer(record.id, scored, now));
    }

    const skipped = records.length - scores.length;
    if (skipped > 0) this.logger.debug({ skipped }, 'customers without recent text not scored');
    return scores;
  }

  /**
   * The customer's distinctive terms, then their most negative and most positive recent
   * texts with their scores (−100…100), e.g. `most negative (−83): "Terrible delay, …"`.
   */
  async explain(record: CrmRecord, related?: RelatedRecords): Promise<string[]> {
    const now = this.clock();
    const texts = customerTexts(related, this.config.options).get(record.id) ?? [];
    const scored = this.recentScored(texts, now, new TextScoreCache(this.logger));
    if (scored.length === 0) return [];

    const sentiments = scored.map((s) => s.sentiment);
    const reasons = [
      `key terms: ${this.topics.keywords(sentiments, this.config.options.maxKeywords)}`,
    ];
    const byScore = [...sentiments].sort((a, b) => a.score - b.score);
    const quote = (label: string, text: TextSentiment): string =>
      `${label} (${Math.round(text.score * 100) || 0}): "${excerpt(text.text)}"`;
    const [lowest, highest] = [byScore[0], byScore[byScore.length - 1]];
    if (lowest !== undefined && lowest.score < 0) reasons.push(quote('most negative', lowest));
    if (highest !== undefined && highest.score > 0) reasons.push(quote('most positive', highest));

    for (const text of this.textResults(scored).slice(0, EXPLAINED_TEXTS)) {
      reasons.push(`text ${text.id} (${text.language}): ${text.label} ${text.score}`);
    }
    return reasons;
  }

  /**
   * Each readable text of the window linked to `record`, newest first, with its own score,
   * label and detected language: what the per-customer fields are made of.
   */
  async textSentiments(
    record: CrmRecord,
    related?: RelatedRecords,
  ): Promise<TextSentimentResult[]> {
    const texts = customerTexts(related, this.config.options).get(record.id) ?? [];
    return this.textResults(
      this.recentScored(texts, this.clock(), new TextScoreCache(this.logger)),
    );
  }

  private textResults(
    scored: readonly { text: CustomerText; sentiment: TextSentiment }[],
  ): TextSentimentResult[] {
    return [...scored]
      .sort((a, b) => b.text.time - a.text.time || a.text.recordId.localeCompare(b.text.recordId))
      .map(({ text, sentiment }) => ({
        id: text.recordId,
        score: Math.round(sentiment.score * 100) / 100 || 0,
        label: sentimentLabel(sentiment.score, this.config.options.neutralBand),
        language: sentiment.language,
        writtenAt: new Date(text.time).toISOString(),
      }));
  }

  // The customer's texts of the window that a model could read, each scored once.
  private recentScored(
    texts: readonly CustomerText[],
    now: number,
    cache: TextScoreCache,
  ): { text: CustomerText; sentiment: TextSentiment }[] {
    const since = now - this.config.options.windowDays * DAY_MS;
    return texts
      .filter((text) => text.time >= since)
      .map((text) => ({ text, sentiment: cache.get(text) }))
      .filter((s): s is { text: CustomerText; sentiment: TextSentiment } => !!s.sentiment);
  }

  private scoreCustomer(
    recordId: string,
    scored: { text: CustomerText; sentiment: TextSentiment }[],
    now: number,
  ): RecordScore {
    const options = this.config.options;
    const points: ScoredText[] = scored.map((s) => ({
      score: s.sentiment.score,
      time: s.text.time,
    }));
    const mean = weightedMeanScore(points, now, options.halfLifeDays);

    const negative = scored
      .filter((s) => s.sentiment.score <= -options.neutralBand)
      .map((s) => ({
        ...s.sentiment,
        weight:
          -s.sentiment.score *
          0.5 ** (Math.max(0, now - s.text.time) / DAY_MS / options.halfLifeDays),
      }));
    return {
      recordId,
      score: mean,
      values: {
        // `|| 0` turns −0 into 0, which the CRM would otherwise see as a change.
        [SENTIMENT_SCORE_FIELD]: Math.round(mean * 100) || 0,
        [SENTIMENT_LABEL_FIELD]: sentimentLabel(mean, options.neutralBand),
        [SENTIMENT_TREND_FIELD]: sentimentTrend(points, options),
        [NEGATIVE_TOPICS_FIELD]: this.topics.describe(negative, options.maxTopics),
        [KEYWORDS_FIELD]: this.topics.keywords(
          scored.map((s) => s.sentiment),
          options.maxKeywords,
        ),
      },
    };
  }
}

const EXCERPT_LENGTH = 80;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1)}…`;
}
