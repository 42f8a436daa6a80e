import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { readCsv } from '../../../core/csv/index.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { SeededRandom } from '../../../core/ml/random.js';
import { evaluateTickets, type TicketsEvaluation } from '../../../plugins/tickets/index.js';
import { LABELLED_TICKETS_CSV } from './ticket-fixture.js';

const columns = { text: 'text', label: 'category' };

function assertCode(run: () => unknown, code: string, message?: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CrmMlError, String(error));
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('evaluateTickets', () => {
  let rows: Record<string, string>[];
  let result: TicketsEvaluation;

  before(async () => {
    rows = (await readCsv(LABELLED_TICKETS_CSV)).rows;
    result = evaluateTickets(rows, columns);
  });

  it('trains on 80 % and beats both baselines on the 20 %', () => {
    assert.equal(result.model, 'trained');
    if (result.model !== 'trained') return;
    assert.equal(result.rows, 73);
    assert.equal(result.train_rows + result.test_rows, 73);
    assert.ok(result.test_rows >= 14 && result.test_rows <= 15, String(result.test_rows));
    assert.ok(result.accuracy >= 0.9, `accuracy ${result.accuracy}`);
    assert.ok(result.accuracy > result.baselines.majority.accuracy);
    assert.ok(result.baselines.naive_bayes.accuracy > result.baselines.majority.accuracy);
    assert.deepEqual(Object.keys(result.per_class), ['Access', 'Billing', 'Hardware']);
  });

  it('reports and skips rows without words or without a label', () => {
    assert.equal(result.skipped.empty_text, 2);
    assert.equal(result.skipped.empty_label, 1);
    assert.deepEqual(
      result.skipped.examples.map((example) => example.message),
      ["no words in 'text'", "no words in 'text'", "'category' is empty"],
    );
  });

  it('gives the same figures whatever the row order', () => {
    const shuffled = new SeededRandom(3).shuffle([...rows]);
    const again = evaluateTickets(shuffled, columns);
    const figures = (r: TicketsEvaluation) => {
      if (r.model !== 'trained') return r;
      const { training_seconds: _s, training_cpu_seconds: _c, skipped: _k, ...rest } = r;
      return rest;
    };
    assert.deepEqual(figures(again), figures(result));
  });

  it('names bad input: a missing column, no rows, one class, no text at all', () => {
    assertCode(
      () => evaluateTickets(rows, { text: 'body', label: 'category' }),
      'tickets_column_missing',
      /'body'/,
    );
    assertCode(() => evaluateTickets([], columns), 'tickets_no_rows');
    const oneClass = rows.map((row) => ({ ...row, category: 'Access' }));
    assertCode(() => evaluateTickets(oneClass, columns), 'tickets_single_class', /'category'/);
    const noText = rows.map((row) => ({ ...row, text: '🎉 <br/> !!' }));
    assertCode(() => evaluateTickets(noText, columns), 'tickets_no_text', /'text'/);
  });

  it('scores with the shipped model without training, unknown labels counted wrong', () => {
    const shipped = evaluateTickets(rows, { ...columns, model: 'shipped' });
    assert.equal(shipped.model, 'shipped');
    if (shipped.model !== 'shipped') return;
    assert.equal(shipped.rows, 73);
    // Billing is no shipped category; Access and Hardware are.
    assert.equal(shipped.unknown_labels, 25);
    assert.ok((shipped.per_class['Access']?.recall ?? 0) > 0.5);
    assert.ok('(other labels)' in shipped.per_class);
  });
});
