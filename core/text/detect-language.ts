/** The languages crm-ml tells apart: Chinese, English, both at once, or anything else. */
export type TextLanguage = 'zh' | 'en' | 'mixed' | 'other';

/**
 * How a text's words divide between scripts. A Han character counts as one unit and so
 * does a run of Latin (or other) letters: both stand for about one word, so a brand name
 * inside a Chinese sentence does not outweigh the sentence.
 */
export interface ScriptShares {
  /** Share of Han ideographs. */
  han: number;
  /** Share of Latin-letter words. */
  latin: number;
  /** Share of words in any other script (Cyrillic, Arabic, kana, …). */
  otherLetters: number;
  /** All units counted; 0 for emoji-only, digit-only or empty texts. */
  letters: number;
}

/**
 * A text is one language when that script holds at least this share of its units. 0.7
 * lets an English product name inside a Chinese review (or the reverse) keep the text's
 * language, while a half-and-half text counts as mixed.
 */
export const DOMINANT_SCRIPT_SHARE = 0.7;

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** Counts the units of `text` by script: Han characters and runs of other letters. */
export function scriptShares(text: string): ScriptShares {
  let han = 0;
  let latin = 0;
  let other = 0;
  let previous: 'latin' | 'other' | undefined;
  for (const char of text) {
    const script = HAN.test(char)
      ? 'han'
      : LATIN.test(char)
        ? 'latin'
        : LETTER.test(char)
          ? 'other'
          : undefined;
    if (script === 'han') han++;
    else if (script === 'latin' && previous !== 'latin') latin++;
    else if (script === 'other' && previous !== 'other') other++;
    previous = script === 'han' ? undefined : script;
  }

  const letters = han + latin + other;
  if (letters === 0) return { han: 0, latin: 0, otherLetters: 0, letters: 0 };
  return { han: han / letters, latin: latin / letters, otherLetters: other / letters, letters };
}

/**
 * The language of one text by script share: Han ≥ 70 % of units is `zh`, Latin words ≥ 70 %
 * is `en` (other Latin-script languages are not told apart), Han and Latin together ≥ 70 %
 * is `mixed`; anything else, including texts without letters (emoji only), is `other`.
 *
 * @example detectLanguage('送餐很快') // 'zh'
 */
export function detectLanguage(text: string): TextLanguage {
  const shares = scriptShares(text);
  if (shares.letters === 0) return 'other';
  if (shares.han >= DOMINANT_SCRIPT_SHARE) return 'zh';
  if (shares.latin >= DOMINANT_SCRIPT_SHARE) return 'en';
  return shares.han + shares.latin >= DOMINANT_SCRIPT_SHARE ? 'mixed' : 'other';
}
