import type { CrmRecord } from '../../core/records/crm-record.js';
import { detectLanguage } from '../../core/text/detect-language.js';
import { normaliseText } from '../../core/text/normalise-text.js';
import { tokenise } from '../../core/text/tokenise.js';
import { wordNgrams } from '../../core/text/word-ngrams.js';

/** The words of one ticket and the n-gram terms a ticket classifier reads. */
export interface TicketTerms {
  /** Words in text order (HTML stripped, lowercased, no punctuation). */
  tokens: string[];
  /** Word unigrams and bigrams, repeated as often as they occur. */
  terms: string[];
}

/** A ticket's text: the non-blank `properties` joined by a line break, in their order. */
export function ticketText(record: CrmRecord, properties: readonly string[]): string {
  const parts: string[] = [];
  for (const name of properties) {
    const value = record.properties[name];
    if (typeof value === 'string' && value.trim() !== '') parts.push(value);
  }
  return parts.join('\n');
}

/**
 * The terms of a raw text: normalised (HTML, NFKC, cut at 10,000 characters), tokenised by
 * its script (jieba for Chinese, the English tokeniser otherwise) without negation marks,
 * which help sentiment but only split a topic's words in two.
 */
export function ticketTerms(raw: string): TicketTerms {
  const text = normaliseText(raw);
  const tokens = text === '' ? [] : tokenise(text, detectLanguage(text), { negation: false });
  return { tokens, terms: wordNgrams(tokens, 2) };
}
