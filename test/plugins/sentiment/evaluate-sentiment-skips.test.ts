import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readCsv } from '../../../core/csv/read-csv.js';
import { evaluateSentiment } from '../../../plugins/sentiment/evaluate-sentiment.js';

// Lines 4 (no text) and 6 (label 'maybe') are the rows to skip.
const FIXTURE = 'test/fixtures/text/labelled-gaps.csv';

describe('evaluateSentiment: rows it cannot use', () => {
  it('counts a blank text and an unknown label, names their lines, and scores the rest', async () => {
    const table = await readCsv(FIXTURE);

    const result = await evaluateSentiment(table.rows, {
      text: 'text',
      label: 'label',
      lines: table.lines,
    });

    assert.equal(result.rows, 5);
    assert.equal(result.skipped_blank_text, 1);
    assert.equal(result.skipped_unknown_label, 1);
    assert.equal(result.warnings[0], '2 rows skipped: 1 with no text, 1 with an unknown label');
    assert.equal(result.warnings[1], "line 4: no text in 'text'; skipped");
    assert.match(
      result.warnings[2] ?? '',
      /^line 6: label 'maybe' is neither positive \(1, positive, pos, true, yes\) nor negative/,
    );
  });

  it('with --positive every other label is negative, so only the blank text is skipped', async () => {
    const table = await readCsv(FIXTURE);

    const result = await evaluateSentiment(table.rows, {
      text: 'text',
      label: 'label',
      positive: '1',
    });

    assert.equal(result.rows, 6);
    assert.equal(result.skipped_unknown_label, 0);
    assert.equal(result.warnings[1], "row 3: no text in 'text'; skipped");
  });

  it('refuses a file of one class instead of printing roc_auc NaN', async () => {
    const rows = [{ text: 'Great food.', label: '1' }];

    await assert.rejects(evaluateSentiment(rows, { text: 'text', label: 'label' }), {
      code: 'sentiment_too_few_labels',
      message: /Every one of the 1 rows is positive in 'label'/,
    });
  });
});
