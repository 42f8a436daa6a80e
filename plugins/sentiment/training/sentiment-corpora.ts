import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { normaliseText } from '../../../core/text/normalise-text.js';
import { readLabelledText } from './read-labelled-text.js';
import type { LanguageCorpus } from './train-language.js';

/** The seed every shipped sentiment model is trained with. */
export const SENTIMENT_SEED = 42;

/** UCI sentiment sentences (Amazon + Yelp) under `dataDir/sentiment-en`, as a corpus. */
export function englishCorpus(dataDir: string): LanguageCorpus {
  const amazon = readLabelledText(join(dataDir, 'sentiment-en', 'amazon_cells_labelled.txt'));
  const yelp = readLabelledText(join(dataDir, 'sentiment-en', 'yelp_labelled.txt'));
  const rows = [...amazon, ...yelp];
  return {
    language: 'en',
    texts: rows.map((row) => normaliseText(row.text)),
    labels: Float64Array.from(rows, (row) => row.label),
    domains: [...amazon.map(() => 'amazon'), ...yelp.map(() => 'yelp')],
    seed: SENTIMENT_SEED,
    description: 'UCI Sentiment Labelled Sentences (Amazon + Yelp), CC BY 4.0',
    minDocuments: 2,
    maxTerms: 50_000,
  };
}

/** waimai_10k food-delivery reviews under `dataDir/sentiment-zh`, as a corpus. */
export function chineseCorpus(dataDir: string): LanguageCorpus {
  const csv = readFileSync(join(dataDir, 'sentiment-zh', 'waimai_10k.csv'), 'utf8');
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return {
    language: 'zh',
    texts: rows.map((row) => normaliseText(row['review'] ?? '')),
    labels: Float64Array.from(rows, (row) => (row['label'] === '1' ? 1 : 0)),
    seed: SENTIMENT_SEED,
    description: 'waimai_10k food-delivery reviews (SophonPlus ChineseNlpCorpus), no licence',
    minDocuments: 2,
    maxTerms: 60_000,
  };
}
