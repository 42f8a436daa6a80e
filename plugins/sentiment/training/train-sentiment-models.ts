/**
 * Trains the shipped sentiment models offline and writes them with their model card:
 *
 *   node --import tsx plugins/sentiment/training/train-sentiment-models.ts [DATA_DIR]
 *
 * DATA_DIR (default `../shared/data` beside the repository) holds `sentiment-en/` (UCI
 * Amazon + Yelp sentences) and `sentiment-zh/` (waimai_10k). The data is read, never copied.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import { shippedFile } from '../../../core/config/package-root.js';
import { normaliseText } from '../../../core/text/normalise-text.js';
import { readLabelledText, type LabelledText } from './read-labelled-text.js';
import { trainLanguage, type LanguageRun } from './train-language.js';
import { writeModelCard } from './write-model-card.js';

const SEED = 42;

function readEnglish(dataDir: string): { rows: LabelledText[]; domains: string[] } {
  const amazon = readLabelledText(join(dataDir, 'sentiment-en', 'amazon_cells_labelled.txt'));
  const yelp = readLabelledText(join(dataDir, 'sentiment-en', 'yelp_labelled.txt'));
  return {
    rows: [...amazon, ...yelp],
    domains: [...amazon.map(() => 'amazon'), ...yelp.map(() => 'yelp')],
  };
}

function readChinese(dataDir: string): LabelledText[] {
  const csv = readFileSync(join(dataDir, 'sentiment-zh', 'waimai_10k.csv'), 'utf8');
  const records = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => ({ text: r['review'] ?? '', label: r['label'] === '1' ? 1 : 0 }));
}

function saveModel(run: LanguageRun): number {
  const json = JSON.stringify(run.classifier.toJSON());
  writeFileSync(shippedFile('plugins', 'sentiment', 'models', `${run.language}.json`), json + '\n');
  return Buffer.byteLength(json);
}

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(shippedFile(), '..', 'shared', 'data');
  const english = readEnglish(dataDir);
  const chinese = readChinese(dataDir);

  const en = trainLanguage({
    language: 'en',
    texts: english.rows.map((r) => normaliseText(r.text)),
    labels: Float64Array.from(english.rows, (r) => r.label),
    domains: english.domains,
    seed: SEED,
    description: 'UCI Sentiment Labelled Sentences (Amazon + Yelp), CC BY 4.0',
    minDocuments: 2,
    maxTerms: 50_000,
  });
  const zh = trainLanguage({
    language: 'zh',
    texts: chinese.map((r) => normaliseText(r.text)),
    labels: Float64Array.from(chinese, (r) => r.label),
    seed: SEED,
    description: 'waimai_10k food-delivery reviews (SophonPlus ChineseNlpCorpus), no licence',
    minDocuments: 2,
    maxTerms: 60_000,
  });

  const sizes = { en: saveModel(en), zh: saveModel(zh) };
  writeFileSync(
    shippedFile('plugins', 'sentiment', 'models', 'MODEL_CARD.md'),
    writeModelCard([en, zh], sizes),
  );
  process.stdout.write(JSON.stringify({ en: en.summary, zh: zh.summary, sizes }, null, 2) + '\n');
}

await main();
