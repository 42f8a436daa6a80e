import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readCsv } from '../../../core/csv/read-csv.js';
import { readOrderRecords, readOrderRows } from '../../../core/ml/order-lines.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { evaluateNextPurchase } from '../../../plugins/next-purchase/evaluate-next-purchase.js';
import { evaluateRecommendations } from '../../../plugins/recommendations/evaluate-recommendations.js';
import { segmentOrderRows } from '../../../plugins/segments/segment-order-rows.js';

const SMALL = 'test/fixtures/orders/retail-small.csv';
// retail-small.csv with one more line (18) dated 2099-01-01: a typo in the year.
const TYPO = 'test/fixtures/orders/retail-year-typo.csv';
const NOW = Date.UTC(2024, 5, 1, 12);
const fields = { customer: 'customer', time: 'date' };
const row = (customer: string, date: string) => ({ customer, date });

describe('order lines dated after now', () => {
  it('are left out, counted and warned of with the first three lines', () => {
    const rows = [
      row('a', '2024-05-01'),
      row('b', '2024-06-02 06:00:00'),
      ...['2099-01-01', '2031-03-04', '2024-07-01', '2088-08-08'].map((date) => row('c', date)),
    ];

    const read = readOrderRows(rows, fields, 2, { now: NOW });

    assert.deepEqual(
      read.lines.map((line) => line.customer),
      ['a', 'b'],
      'a date hours ahead (no time zone) is kept',
    );
    assert.deepEqual(read.skipped, { dated_after_now: 4 });
    assert.deepEqual(read.warnings, [
      '4 order lines dated after today (2024-06-01) were left out, e.g. ' +
        'line 4: 2099-01-01, line 5: 2031-03-04, line 6: 2024-07-01',
    ]);
  });

  it('CRM order records follow the same rule', () => {
    const record = (id: string, date: string): CrmRecord => ({
      id,
      objectType: 'orders',
      updatedAt: '2024-01-01T00:00:00Z',
      archived: false,
      properties: { date },
      associations: { contacts: ['contact-1'] },
    });

    const read = readOrderRecords(
      [record('o1', '2024-01-01'), record('o2', '2099-01-01')],
      fields,
      {
        now: NOW,
      },
    );

    assert.equal(read.lines.length, 1);
    assert.deepEqual(read.warnings, [
      '1 order line dated after today (2024-06-01) was left out, e.g. record o2: 2099-01-01',
    ]);
  });

  it('one line in 2099 no longer changes the order evaluations, and each says so', async () => {
    const small = (await readCsv(SMALL)).rows;
    const typo = (await readCsv(TYPO)).rows;
    const warning =
      /^1 order line dated after today \(.*\) was left out, e\.g\. line 18: 2099-01-01$/;
    const orderFields = { customer: 'CustomerID', time: 'InvoiceDate', quantity: 'Quantity' };

    const columns = { ...orderFields, item: 'StockCode', invoice: 'InvoiceNo' };
    const recommended = await evaluateRecommendations(typo, columns);
    assert.equal(
      recommended.test_customers,
      (await evaluateRecommendations(small, columns)).test_customers,
    );
    assert.match(recommended.warnings[0] ?? '', warning);

    const segments = segmentOrderRows(typo, { fields: orderFields, k: 2 });
    assert.equal(
      segments.customers,
      segmentOrderRows(small, { fields: orderFields, k: 2 }).customers,
    );
    assert.match(segments.warnings[0] ?? '', warning);

    const next = evaluateNextPurchase(typo, { fields: orderFields, holdoutDays: 5 });
    assert.equal(
      next.holdout_end,
      evaluateNextPurchase(small, { fields: orderFields, holdoutDays: 5 }).holdout_end,
    );
    assert.match(next.warnings[0] ?? '', warning);
  });
});
