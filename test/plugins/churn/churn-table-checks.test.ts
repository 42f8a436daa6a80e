import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { inferColumns } from '../../../core/ml/column-inference.js';
import { checkChurnTable } from '../../../plugins/churn/churn-table-checks.js';

function table(n: number, at: (i: number) => Record<string, string>): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => at(i));
}

describe('churn table checks', () => {
  it('without --positive, unrecognised labels are reported by column and line and unlabelled', () => {
    const rows = table(40, (i) => ({ Churn: i % 10 === 3 ? 'maybe' : i % 2 ? 'Yes' : 'No' }));
    const checked = checkChurnTable(rows, { target: 'Churn', exclude: [] });

    assert.deepEqual([...checked.unlabelled], [3, 13, 23, 33]);
    assert.match(checked.warnings[0] ?? '', /^Churn: 4 values .*'maybe'.*lines 5, 15, 25, 35/);
  });

  it('with --positive, every other non-empty value is not churned', () => {
    const rows = table(10, (i) => ({ Churn: i === 3 ? 'maybe' : 'churned' }));
    const checked = checkChurnTable(rows, { target: 'Churn', positive: 'churned', exclude: [] });
    assert.equal(checked.unlabelled.size, 0);
    assert.deepEqual(checked.warnings, []);
  });

  it('reports text in a numeric column at any share, naming the first lines', () => {
    const rows = table(50, (i) => ({ Churn: 'No', tenure: i % 10 === 0 ? 'twelve' : String(i) }));
    const checked = checkChurnTable(rows, {
      target: 'Churn',
      exclude: [],
      lines: rows.map((_, i) => i + 10),
    });
    assert.deepEqual(checked.warnings, [
      "tenure: 5 non-numeric values treated as missing (e.g. 'twelve'): lines 10, 20, 30, 40, 50",
    ]);
    assert.deepEqual([...checked.reportedColumns], ['tenure']);
  });

  it('keeps a column with 10 % text numeric instead of making it categorical', () => {
    const rows = table(50, (i) => ({ tenure: i % 10 === 0 ? 'N/A' : String(i * 3) }));
    const kinds = inferColumns(rows, []).columns.map((column) => [column.name, column.kind]);
    assert.deepEqual(kinds, [['tenure', 'numeric']]);
  });
});
