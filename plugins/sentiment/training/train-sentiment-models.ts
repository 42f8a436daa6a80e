/**
 * Trains the shipped sentiment models offline and writes them with their model card:
 *
 *   node --import tsx plugins/sentiment/training/train-sentiment-models.ts [DATA_DIR]
 *
 * DATA_DIR (default `../shared/data` beside the repository) holds `sentiment-en/` (UCI
 * Amazon + Yelp sentences) and `sentiment-zh/` (waimai_10k). The data is read, never copied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { shippedFile } from '../../../core/config/package-root.js';
import { chineseCorpus, englishCorpus } from './sentiment-corpora.js';
import { trainLanguage, type LanguageRun } from './train-language.js';
import { writeModelCard } from './write-model-card.js';

function saveModel(run: LanguageRun): number {
  const json = JSON.stringify(run.classifier.toJSON());
  writeFileSync(shippedFile('plugins', 'sentiment', 'models', `${run.language}.json`), json + '\n');
  return Buffer.byteLength(json);
}

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(shippedFile(), '..', 'shared', 'data');
  const en = trainLanguage(englishCorpus(dataDir));
  const zh = trainLanguage(chineseCorpus(dataDir));

  const sizes = { en: saveModel(en), zh: saveModel(zh) };
  writeFileSync(
    shippedFile('plugins', 'sentiment', 'models', 'MODEL_CARD.md'),
    writeModelCard([en, zh], sizes),
  );
  process.stdout.write(JSON.stringify({ en: en.summary, zh: zh.summary, sizes }, null, 2) + '\n');
}

await main();
