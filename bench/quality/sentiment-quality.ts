import {
  chineseCorpus,
  englishCorpus,
} from '../../plugins/sentiment/training/sentiment-corpora.js';
import {
  trainLanguage,
  type LanguageRun,
} from '../../plugins/sentiment/training/train-language.js';
import type { QualityRow } from './quality-row.js';

/**
 * Sentiment, retrained with the shipped recipe on 80 % of each corpus and scored on the other
 * 20 %: the shipped models saw all of it, so scoring the files with them would be in-sample.
 */
export function sentimentQuality(dataDir: string): QualityRow[] {
  return [
    ...rowsFor(trainLanguage(englishCorpus(dataDir)), 'UCI Amazon + Yelp (en)', 'AFINN-165'),
    ...rowsFor(trainLanguage(chineseCorpus(dataDir)), 'waimai_10k (zh)', 'zh polarity words'),
  ];
}

function rowsFor(run: LanguageRun, dataset: string, baselineName: string): QualityRow[] {
  const row = (metric: string, ours: number, baseline: number): QualityRow => ({
    plugin: 'sentiment',
    dataset,
    metric,
    ours,
    baseline,
    baselineName,
    protocol: `held-out 20 % (${run.testRows} texts)`,
  });
  return [
    row('accuracy', run.heldOut.accuracy, run.baseline.accuracy),
    row('macro F1', run.heldOut.macro_f1, run.baseline.macro_f1),
    row('ROC AUC', run.heldOut.roc_auc, run.baseline.roc_auc),
  ];
}
