import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readOrderRows } from '../../../core/ml/order-lines.js';
import { unreadableOrderColumn } from '../../../core/ml/unreadable-order-column.js';

const rows = [
  { CustomerID: '1', InvoiceDate: '2010-12-01', Quantity: '2', Description: 'MUG' },
  { CustomerID: '2', InvoiceDate: '2010-12-02', Quantity: '1', Description: 'PLATE' },
];

describe('an order column with no readable value', () => {
  it('is named with its option when it is the price', () => {
    const fields = { customer: 'CustomerID', time: 'InvoiceDate', price: 'Description' };
    const error = unreadableOrderColumn(readOrderRows(rows, fields), fields);
    assert.equal(error?.code, 'csv_column_unreadable');
    assert.match(error?.message ?? '', /^--price Description: no row has a readable value/);
  });

  it('is named with its option when it is the time', () => {
    const fields = { customer: 'CustomerID', time: 'Description' };
    const error = unreadableOrderColumn(readOrderRows(rows, fields), fields);
    assert.match(error?.message ?? '', /^--time Description:/);
  });

  it('is no error when some line was read', () => {
    const fields = { customer: 'CustomerID', time: 'InvoiceDate', quantity: 'Quantity' };
    assert.equal(unreadableOrderColumn(readOrderRows(rows, fields), fields), null);
  });
});
