import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IdfTable } from '../../../core/text/idf-table.js';
import { wordNgrams } from '../../../core/text/word-ngrams.js';

describe('word n-grams and indexed TF-IDF vectors', () => {
  it('lists unigrams, then bigrams of neighbours', () => {
    assert.deepEqual(wordNgrams(['reset', 'my', 'password']), [
      'reset',
      'my',
      'password',
      'reset my',
      'my password',
    ]);
    assert.deepEqual(wordNgrams(['one']), ['one']);
    assert.deepEqual(wordNgrams(['a', 'b', 'c'], 1), ['a', 'b', 'c']);
  });

  it('keeps only known terms, by position, at unit length', () => {
    const idf = IdfTable.fit([['vpn', 'login'], ['vpn'], ['printer']]);
    const vector = idf.indexedVector(['login', 'vpn', 'vpn', 'unknown']);
    assert.deepEqual([...vector.indices], [idf.indexOf('vpn'), idf.indexOf('login')].sort());
    const norm = Math.hypot(...vector.values);
    assert.ok(Math.abs(norm - 1) < 1e-12);
    // vpn: tf 2 but in two of three documents; login: tf 1 in one document.
    const weight = (term: string) =>
      vector.values[[...vector.indices].indexOf(idf.indexOf(term) ?? -1)];
    const vpn = (1 + Math.log(2)) * idf.idf('vpn');
    const login = idf.idf('login');
    assert.ok(Math.abs((weight('vpn') ?? 0) / (weight('login') ?? 1) - vpn / login) < 1e-12);
    assert.equal(idf.indexedVector(['unknown']).indices.length, 0);
  });
});
