import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readCsv } from '../../../core/csv/index.js';
import { createLogger } from '../../../core/logging/logger.js';
import type { OrderLine } from '../../../core/ml/order-lines.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import { fitRecommender } from '../../../plugins/recommendations/fit-recommender.js';
import {
  createRecommendationsPlugin,
  evaluateRecommendations,
  RECOMMENDATION_IDS_FIELD,
  RECOMMENDATIONS_FIELD,
} from '../../../plugins/recommendations/index.js';
import type { SavedModel } from '../../../plugins/plugin.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2011, 1, 1);
const FIXTURE = 'test/fixtures/orders/retail-small.csv';
const columns = {
  customer: 'CustomerID',
  item: 'StockCode',
  time: 'InvoiceDate',
  quantity: 'Quantity',
  invoice: 'InvoiceNo',
  name: 'Description',
};

function line(customer: string, item: string, daysAgo: number): OrderLine {
  return {
    customer,
    item,
    name: `${item} name`,
    time: NOW - daysAgo * DAY,
    quantity: 1,
    amount: null,
    invoice: null,
    returned: false,
  };
}

// A and B go together; C is the most popular item on its own.
const purchases = [
  ...['1', '2', '3'].flatMap((c) => [line(c, 'A', 90), line(c, 'B', 90)]),
  ...['4', '5', '6', '7'].map((c) => line(c, 'C', 90)),
];
const policy = { allowRepeat: false, repeatWindowDays: 30 };

describe('recommender', () => {
  it('gives a customer without history the popular items', () => {
    const model = fitRecommender(purchases, { model: 'item_cf', params: {} }, policy);
    const result = model.recommend(new Map(), NOW, 3);
    assert.deepEqual(result.items, ['C', 'A', 'B']);
    assert.equal(result.personalised, false);
  });

  it('leaves out items bought within the repeat window unless repeats are allowed', () => {
    const model = fitRecommender(purchases, { model: 'item_cf', params: {} }, policy);
    assert.deepEqual(model.recommend(new Map([['A', NOW - 5 * DAY]]), NOW, 2).items, ['B', 'C']);
    // Bought 60 days ago: outside the 30-day window, so it may come back.
    assert.deepEqual(model.recommend(new Map([['A', NOW - 60 * DAY]]), NOW, 3).items, [
      'B',
      'C',
      'A',
    ]);

    const repeating = fitRecommender(
      purchases,
      { model: 'item_cf', params: {} },
      {
        ...policy,
        allowRepeat: true,
      },
    );
    assert.ok(repeating.recommend(new Map([['A', NOW - DAY]]), NOW, 3).items.includes('A'));
  });
});

describe('evaluateRecommendations on a small retail file', () => {
  it('splits on time, skips bad rows with their lines and scores every model', async () => {
    const table = await readCsv(FIXTURE);
    const result = await evaluateRecommendations(table.rows, columns);

    assert.equal(result.train_rows, 10);
    assert.equal(result.test_rows, 3);
    // 107 bought only in the test window: no history, so not a test customer.
    assert.equal(result.test_customers, 2);
    assert.equal(result.items, 4);
    assert.equal(result.returns, 1);
    assert.deepEqual(result.skipped_rows, { no_customer: 1, bad_time: 1 });
    assert.ok(result.warnings.some((w) => w.includes('line 12')));
    assert.ok(result.warnings.some((w) => w.includes('line 13')));

    const byName = new Map(result.models.map((m) => [m.name, m]));
    assert.deepEqual([...byName.keys()], ['popularity', 'item_cf', 'ease']);
    // Popularity ranks A, C, B, D; 105 gets [C, B, D] (B at 2), 106 gets [A, B, D] (D at 3).
    const popularity = byName.get('popularity');
    assert.ok(Math.abs((popularity?.ndcg_at_10 ?? 0) - (1 / Math.log2(3) + 0.5) / 2) < 1e-9);
    assert.equal(popularity?.coverage, 1);
    assert.equal(byName.get('item_cf')?.ndcg_at_10, 1);
    assert.equal(byName.get('item_cf')?.hit_rate_at_10, 1);
  });

  it('gives the same figures on a second run', async () => {
    const table = await readCsv(FIXTURE);
    const strip = (r: Awaited<ReturnType<typeof evaluateRecommendations>>) => ({
      ...r,
      seconds: 0,
      models: r.models.map((m) => ({ ...m, seconds: 0 })),
    });
    const first = await evaluateRecommendations(table.rows, columns);
    const second = await evaluateRecommendations([...table.rows], columns);
    assert.deepEqual(strip(first), strip(second));
  });
});

describe('recommendations plugin', () => {
  const contacts: CrmRecord[] = ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({
    id,
    objectType: 'contacts',
    properties: {},
    updatedAt: '2011-01-01T00:00:00Z',
    archived: false,
  }));
  const baskets: [string, string[], number][] = [
    ['c1', ['A', 'B'], 100],
    ['c2', ['A', 'B'], 90],
    ['c3', ['A'], 80],
    ['c4', ['C', 'D'], 70],
    ['c4', ['B'], 1],
  ];
  const orders: CrmRecord[] = baskets.flatMap(([contact, items, daysAgo], b) =>
    items.map((item, i) => ({
      id: `o${b}-${i}`,
      objectType: 'orders' as const,
      properties: {
        hs_product_id: item,
        name: `${item} PRODUCT`,
        quantity: '1',
        createdate: new Date(NOW - daysAgo * DAY).toISOString(),
      },
      updatedAt: '2011-01-01T00:00:00Z',
      archived: false,
      associations: { contacts: [contact] },
    })),
  );
  const related = new Map([['orders' as const, orders]]);
  const context = { logger: createLogger('test.recommendations'), seed: 42, related };

  it('recommends from associated orders and round-trips identically', async () => {
    const plugin = createRecommendationsPlugin();
    assert.deepEqual(plugin.inputs, ['orders']);
    const model = await plugin.train(contacts, {
      ...context,
      options: { models: ['item_cf'], topN: 2, repeatWindowDays: 365 },
    });
    const scores = await model.score(contacts, related);

    const c3 = scores.find((s) => s.recordId === 'c3');
    assert.equal(c3?.values[RECOMMENDATION_IDS_FIELD], 'B;C');
    assert.equal(c3?.values[RECOMMENDATIONS_FIELD], 'B PRODUCT; C PRODUCT');
    // c5 has no orders: the popular products, A first.
    assert.match(
      String(scores.find((s) => s.recordId === 'c5')?.values[RECOMMENDATION_IDS_FIELD]),
      /^A;/,
    );

    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(contacts, related), scores);
    assert.deepEqual(loaded.save(), saved);
  });

  it('reads line items when configured so', () => {
    assert.deepEqual(createRecommendationsPlugin({ input: 'line_items' }).inputs, ['line_items']);
  });
});
