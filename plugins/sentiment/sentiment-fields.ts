import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const SENTIMENT_SCORE_FIELD = 'crm_ml_sentiment_score';
export const SENTIMENT_LABEL_FIELD = 'crm_ml_sentiment_label';
export const SENTIMENT_TREND_FIELD = 'crm_ml_sentiment_trend';
export const NEGATIVE_TOPICS_FIELD = 'crm_ml_negative_topics';
export const KEYWORDS_FIELD = 'crm_ml_keywords';

/** A sentiment label. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** A direction of sentiment over time. */
export type SentimentTrend = 'improving' | 'stable' | 'worsening';

/** The label of a score in [−1, 1]: within ±`neutralBand` of 0 is neutral. */
export function sentimentLabel(score: number, neutralBand: number): SentimentLabel {
  if (score >= neutralBand) return 'positive';
  return score <= -neutralBand ? 'negative' : 'neutral';
}

/** The CRM fields the sentiment plugin writes. */
export const SENTIMENT_FIELDS: readonly FieldSpec[] = [
  {
    name: SENTIMENT_SCORE_FIELD,
    label: 'Sentiment score',
    description:
      'Recency-weighted mean sentiment of the notes, emails, calls and tickets of the last ' +
      '90 days, from −100 (negative) to 100 (positive).',
    type: 'number',
  },
  {
    name: SENTIMENT_LABEL_FIELD,
    label: 'Sentiment',
    description: 'Sentiment of recent texts: negative, neutral or positive.',
    type: 'enumeration',
    options: [
      { value: 'negative', label: 'Negative' },
      { value: 'neutral', label: 'Neutral' },
      { value: 'positive', label: 'Positive' },
    ],
  },
  {
    name: SENTIMENT_TREND_FIELD,
    label: 'Sentiment trend',
    description: 'Whether sentiment rose or fell over the last 90 days.',
    type: 'enumeration',
    options: [
      { value: 'improving', label: 'Improving' },
      { value: 'stable', label: 'Stable' },
      { value: 'worsening', label: 'Worsening' },
    ],
  },
  {
    name: NEGATIVE_TOPICS_FIELD,
    label: 'Negative topics',
    description: 'What recent negative texts are about, as key terms per topic.',
    type: 'text',
  },
  {
    name: KEYWORDS_FIELD,
    label: 'Keywords',
    description:
      'The terms that set this customer’s texts of the last 90 days apart from everyone ' +
      'else’s (TF-IDF), most distinctive first.',
    type: 'text',
  },
];
