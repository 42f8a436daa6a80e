import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

/** Text properties read by default: HubSpot note, email and call bodies, ticket fields. */
export const DEFAULT_TEXT_PROPERTIES = [
  'hs_note_body',
  'hs_email_text',
  'hs_call_body',
  'content',
  'subject',
  'body',
  'description',
];

/** Properties holding when a text was written, tried in order before `updatedAt`. */
export const DEFAULT_TIME_PROPERTIES = ['hs_timestamp', 'hs_createdate', 'createdate'];

const sentimentOptionsSchema = z.object({
  textProperties: z.array(z.string().min(1)).min(1).default(DEFAULT_TEXT_PROPERTIES),
  timeProperties: z.array(z.string().min(1)).default(DEFAULT_TIME_PROPERTIES),
  /** Only texts of this many most recent days count. */
  windowDays: z.number().positive().default(90),
  /** A text this many days old weighs half as much as one written now. */
  halfLifeDays: z.number().positive().default(30),
  /** Scores within ±band of 0 (on −1…1) are neutral: 0.2 means P(positive) in 0.4–0.6. */
  neutralBand: z.number().min(0).lt(1).default(0.2),
  /** Fewer texts than this in the window give the trend `stable`: a slope needs points. */
  trendMinTexts: z.number().int().min(2).default(3),
  /** Fitted change across the window (on −1…1) that counts as a trend: 0.4 = 40 points. */
  trendThreshold: z.number().positive().default(0.4),
  /** Topics named in `crm_ml_negative_topics`. */
  maxTopics: z.number().int().min(1).max(10).default(3),
  /** Terms named in `crm_ml_keywords`. */
  maxKeywords: z.number().int().min(1).max(20).default(5),
});

/** The sentiment plugin's options after validation and defaults. */
export type SentimentOptions = z.infer<typeof sentimentOptionsSchema>;

/** Validates plugin options; the error names the first bad option. */
export function parseSentimentOptions(options: unknown): SentimentOptions {
  return parseOrThrow(
    sentimentOptionsSchema,
    options ?? {},
    'sentiment_options_invalid',
    'sentiment option',
  );
}
