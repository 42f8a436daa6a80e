/** The prefix that marks a token inside the scope of a negation: "not good" → `not_good`. */
export const NEGATED_PREFIX = 'not_';

/** True when `token` carries the negation mark. */
export function isNegated(token: string): boolean {
  return token.startsWith(NEGATED_PREFIX);
}

/** `token` without its negation mark, if it had one. */
export function withoutNegation(token: string): string {
  return isNegated(token) ? token.slice(NEGATED_PREFIX.length) : token;
}

/** What `markNegation` needs to know about one language. */
export interface NegationRule {
  isNegator(token: string): boolean;
  /** True for tokens that end a clause (punctuation, "but") and so end a negation. */
  endsScope(token: string): boolean;
  /** How many tokens after a negator are marked at most. */
  scope: number;
}

/**
 * Marks the tokens that follow a negator, up to the end of the clause or `rule.scope`
 * tokens, and drops the clause-ending punctuation (it was only needed to close the scope).
 * After Das & Chen (2001): a token's polarity flips inside a negated clause.
 */
export function markNegation(tokens: readonly string[], rule: NegationRule): string[] {
  const out: string[] = [];
  let remaining = 0;

  for (const token of tokens) {
    if (rule.endsScope(token)) {
      remaining = 0;
      if (!/^\p{P}+$/u.test(token)) out.push(token);
      continue;
    }
    if (rule.isNegator(token)) {
      out.push(token);
      remaining = rule.scope;
      continue;
    }
    out.push(remaining > 0 ? NEGATED_PREFIX + token : token);
    if (remaining > 0) remaining--;
  }
  return out;
}
