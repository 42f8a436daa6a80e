import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { parse } from 'csv-parse/sync';

import { evaluateSentiment } from '../../../plugins/sentiment/index.js';

const rows = parse(readFileSync('test/fixtures/text/labelled-texts.csv', 'utf8'), {
  columns: true,
}) as Record<string, string>[];

describe('evaluateSentiment', () => {
  it('scores a labelled file with the shipped models beside the lexicon baselines', async () => {
    const result = await evaluateSentiment(rows, { text: 'text', label: 'sentiment' });
    assert.equal(result.rows, 24);
    assert.deepEqual(result.language, { en: 16, zh: 8, mixed: 0, other: 0 });
    assert.ok(result.roc_auc >= 0.85, `roc_auc ${result.roc_auc}`);
    assert.ok(result.accuracy >= 0.75, `accuracy ${result.accuracy}`);
    assert.ok(result.macro_f1 > 0 && result.macro_f1 <= 1);
    assert.equal(result.baseline.name, 'afinn+crm-ml-zh-polarity');
    assert.ok(result.baseline.roc_auc > 0.5);
  });

  it('maps only the given positive value to 1', async () => {
    const flipped = await evaluateSentiment(rows, {
      text: 'text',
      label: 'sentiment',
      positive: 'negative',
    });
    assert.ok(flipped.roc_auc < 0.2);
  });

  it('names a missing column with a stable code', async () => {
    await assert.rejects(evaluateSentiment(rows, { text: 'review', label: 'sentiment' }), {
      code: 'sentiment_column_missing',
    });
  });
});
