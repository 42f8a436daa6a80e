import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IdfTable } from '../../../core/text/idf-table.js';
import { contentTerms, corpusKeywords, documentKeywords } from '../../../core/text/keywords.js';
import { tokeniseEnglish } from '../../../core/text/tokenise-english.js';
import { TopicModel } from '../../../core/text/topic-model.js';

const texts = [
  'The invoice was wrong and the refund took weeks',
  'Refund still missing, invoice charged twice',
  'Invoice error again, please refund',
  'Delivery was late and the package arrived damaged',
  'Late delivery, damaged box',
  'The delivery driver was late again',
];
const documents = texts.map((t) => contentTerms(tokeniseEnglish(t, { negation: false })));

describe('TF-IDF keywords', () => {
  const idf = IdfTable.fit(documents);

  it('ranks a document’s rare terms above terms every document shares', () => {
    const keywords = documentKeywords(documents[0] ?? [], idf, 3).map((k) => k.term);
    assert.ok(keywords.includes('weeks'));
    assert.ok(!keywords.includes('the'));
    assert.ok(idf.idf('weeks') > idf.idf('invoice'));
  });

  it('summarises a set of documents and survives a JSON round trip', () => {
    const top = corpusKeywords(documents.slice(3), idf, 2).map((k) => k.term);
    assert.ok(top.includes('late'));
    assert.ok(!top.includes('refund'));
    const copy = IdfTable.fromJSON(JSON.parse(JSON.stringify(idf.toJSON())));
    assert.deepEqual(copy.vector(documents[1] ?? []), idf.vector(documents[1] ?? []));
  });
});

describe('TopicModel', () => {
  const idf = IdfTable.fit(documents);
  const vectors = documents.map((d) => idf.vector(d));

  it('separates billing from delivery and labels topics with their top terms', () => {
    const model = TopicModel.fit(vectors, { k: 2, seed: 7 });
    assert.equal(model.topics.length, 2);
    const labels = model.topics.map((t) => t.label).join(' | ');
    assert.match(labels, /refund|invoice/);
    assert.match(labels, /delivery|late/);
    assert.notEqual(model.assign(vectors[0] ?? new Map()), model.assign(vectors[3] ?? new Map()));
  });

  it('is repeatable for a seed and reloads identically', () => {
    const a = TopicModel.fit(vectors, { k: 2, seed: 7 });
    const b = TopicModel.fit(vectors, { k: 2, seed: 7 });
    assert.deepEqual(a.toJSON(), b.toJSON());
    const copy = TopicModel.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    assert.deepEqual(copy.toJSON(), a.toJSON());
    assert.equal(a.assign(new Map([['unrelated', 1]])), -1);
  });
});
