import { sigmoid } from '../../core/ml/matrix.js';
import { tokeniseChinese } from '../../core/text/tokenise-chinese.js';
import { tokeniseEnglish } from '../../core/text/tokenise-english.js';
import { afinnValence } from './lexicon/afinn-valence.js';
import { chinesePolarity } from './lexicon/chinese-polarity.js';
import { netValence } from './lexicon/lexicon-sums.js';
import type { ModelLanguage } from './text-features.js';

/** The lexicon each language's baseline counts with, as named in reports. */
export const BASELINE_NAMES = {
  en: 'afinn',
  zh: 'crm-ml-zh-polarity',
} as const satisfies Record<ModelLanguage, string>;

/**
 * The no-training baseline: σ(net lexicon valence) of a normalised text, with negation
 * flipping. AFINN-165 for English, the hand-written Chinese polarity words for Chinese.
 * A text with no lexicon word gets 0.5 (which counts as positive at the 0.5 cut-off).
 */
export function lexiconBaseline(text: string, language: ModelLanguage): number {
  const sums =
    language === 'en'
      ? afinnValence(tokeniseEnglish(text))
      : chinesePolarity(tokeniseChinese(text));
  return sigmoid(netValence(sums));
}
