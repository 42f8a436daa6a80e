import type { IdfTable } from '../../core/text/idf-table.js';
import { contentTerms, documentKeywords } from '../../core/text/keywords.js';
import { wordNgrams } from '../../core/text/word-ngrams.js';

/**
 * The `k` heaviest TF-IDF terms of a ticket among the model's vocabulary (unigrams and
 * bigrams of content words), joined by `; `. Terms the model never kept are left out: they
 * would outweigh everything (unseen terms get the largest IDF) and are mostly names and typos.
 * A term inside a heavier bigram already chosen is skipped, so `password; reset password`
 * reads as one idea.
 */
export function ticketKeywords(tokens: readonly string[], idf: IdfTable, k: number): string {
  const known = wordNgrams(contentTerms(tokens), 2).filter((term) => idf.has(term));
  const chosen: string[] = [];
  for (const { term } of documentKeywords(known, idf, known.length)) {
    if (chosen.some((other) => other.split(' ').includes(term))) continue;
    chosen.push(term);
    if (chosen.length === k) break;
  }
  return chosen.join('; ');
}
