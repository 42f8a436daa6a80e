import { markNegation, type NegationRule } from './negation.js';

/** Options of the tokenisers. */
export interface TokeniseOptions {
  /** Mark tokens after a negator with `not_` (default true); off for keywords and topics. */
  negation?: boolean;
}

// Words keep inner apostrophes ("don't") and digits; clause punctuation is its own token.
const WORD_OR_PUNCTUATION = /[a-z0-9]+(?:['’][a-z]+)*|[.,!?;:()]+/g;

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'nowhere',
  'cannot',
  'without',
  'hardly',
  'barely',
  // Apostrophe-less spellings people type in notes and reviews.
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'wont',
  'cant',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'arent',
  'werent',
  'havent',
  'hasnt',
]);

// Four tokens reach the adjective in "not a very good", yet stop before most clause changes.
const ENGLISH_NEGATION: NegationRule = {
  isNegator: (token) => NEGATORS.has(token) || token.endsWith("n't"),
  endsScope: (token) => /^[.,!?;:()]+$/.test(token) || token === 'but' || token === 'however',
  scope: 4,
};

/**
 * Lowercase English words of `text` (apostrophes normalised to `'`), with tokens after a
 * negator marked `not_…` unless `negation` is false. Expects normalised text.
 *
 * @example tokeniseEnglish('Not good, but cheap.') // ['not', 'not_good', 'but', 'cheap']
 */
export function tokeniseEnglish(text: string, options: TokeniseOptions = {}): string[] {
  const raw = (text.toLowerCase().match(WORD_OR_PUNCTUATION) ?? []).map((token) =>
    token.replace(/’/g, "'"),
  );
  if (options.negation === false) return raw.filter((token) => !/^[.,!?;:()]+$/.test(token));
  return markNegation(raw, ENGLISH_NEGATION);
}
