/**
 * The word n-grams of a token list for n = 1…`maxN`: the tokens themselves, then the pairs of
 * neighbours joined by a space, and so on. Used by every bag-of-n-grams model.
 *
 * @example wordNgrams(['reset', 'my', 'password']) // ['reset', 'my', 'password', 'reset my', 'my password']
 */
export function wordNgrams(tokens: readonly string[], maxN = 2): string[] {
  const terms = [...tokens];
  for (let n = 2; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) terms.push(tokens.slice(i, i + n).join(' '));
  }
  return terms;
}
