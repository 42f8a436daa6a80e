import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino } from 'pino';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { isMissingData } from '../../plugins/missing-data-error.js';
import type { Plugin, RecordScore, TrainContext } from '../../plugins/plugin.js';
import {
  createRecommendationsPlugin,
  RECOMMENDATION_IDS_FIELD,
} from '../../plugins/recommendations/index.js';
import {
  createSegmentsPlugin,
  NO_PURCHASES_NAME,
  SEGMENT_FIELD,
} from '../../plugins/segments/index.js';
import { badOrders, generateShop, shopRelated } from './contract/shop-fixture.js';

const shop = generateShop();
const SEGMENTS = { amountProperty: 'amount', invoiceProperty: 'invoice' };
const RECOMMENDATIONS = { invoiceProperty: 'invoice', models: ['popularity'] };

function capture(): {
  context: (options: object, orders: CrmRecord[]) => TrainContext;
  warnings: Record<string, unknown>[];
} {
  const warnings: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => void warnings.push(JSON.parse(line)) };
  const logger = pino({ level: 'warn' }, stream);
  return {
    warnings,
    context: (options, orders) => ({
      logger,
      seed: 42,
      options: options as Record<string, unknown>,
      related: new Map<ObjectType, CrmRecord[]>([['orders', orders]]),
    }),
  };
}

const contact = (id: string): CrmRecord => ({
  id,
  objectType: 'contacts',
  properties: {},
  updatedAt: '',
  archived: false,
});

async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof CrmMlError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

const orderPlugins: { name: string; plugin: Plugin; options: object; code: string }[] = [
  { name: 'segments', plugin: createSegmentsPlugin(), options: SEGMENTS, code: 'segments' },
  {
    name: 'recommendations',
    plugin: createRecommendationsPlugin(),
    options: RECOMMENDATIONS,
    code: 'recommendations',
  },
];

for (const { name, plugin, options, code } of orderPlugins) {
  describe(`${name}: orders a real CRM holds`, () => {
    it('skips orders without a customer, date, amount or item, counts them in a warning and trains on the rest', async () => {
      const { context, warnings } = capture();
      const orders = [...shop.orders, ...badOrders('c0')];
      const model = await plugin.train(shop.contacts, context(options, orders));
      const scores = await model.score(
        shop.contacts,
        shopRelated(shop, { orders: badOrders('c0') }),
      );
      assert.equal(scores.length, shop.contacts.length);

      const skipped = warnings.find((warning) => warning['msg'] === 'order lines skipped')?.[
        'skipped'
      ] as Record<string, number> | undefined;
      assert.ok(skipped, 'warns once with the counts');
      assert.equal(skipped['no_customer'], 1);
      assert.equal(skipped['bad_time'], 1);
      assert.equal(skipped['bad_quantity'] ?? skipped['bad_amount'], 1);
    });

    it('stops with a missing-data error (the run skips it) when no order is synced', async () => {
      const { context } = capture();
      const training = plugin.train(shop.contacts, context(options, []));
      await assert.rejects(training, (error) => {
        assert.ok(isMissingData(error), 'marked as missing data');
        assert.match((error as CrmMlError).code, new RegExp(`^${code}_`));
        return true;
      });
    });

    it('stops the same way when every order is a return or a cancellation', async () => {
      const { context } = capture();
      const returns = badOrders('c0').filter(
        (order) => order.id.startsWith('bad-return') || order.id === 'bad-cancelled',
      );
      await assert.rejects(plugin.train(shop.contacts, context(options, returns)), isMissingData);
    });
  });
}

describe('segments: bad input and options', () => {
  const plugin = createSegmentsPlugin();

  it('needs at least two customers with purchases: one customer only is missing data', async () => {
    const { context } = capture();
    const one = shop.orders.filter((order) => order.associations?.contacts?.[0] === 'c0');
    await rejectsWith(
      plugin.train(shop.contacts, context(SEGMENTS, one)),
      'segments_too_few_customers',
      /1 contacts have purchases; segments need at least 2/,
    );
  });

  it('counts returns against spend and not as orders; a customer who only returned has no purchases', async () => {
    const { context } = capture();
    const returnsOnly = badOrders('c3').filter((order) => order.id === 'bad-return');
    const orders = [...shop.orders, ...returnsOnly];
    const model = await plugin.train(shop.contacts, context(SEGMENTS, orders));
    const [score] = await model.score([contact('c3')], new Map([['orders', orders]]));
    assert.equal(score?.values[SEGMENT_FIELD], NO_PURCHASES_NAME);
  });

  it('refuses bad options, naming the option', async () => {
    const { context } = capture();
    const cases: [object, RegExp][] = [
      [{ k: 0 }, /'k'/],
      [{ k: 21 }, /'k'/],
      [{ kMin: 1 }, /'kMin'/],
      [{ kMin: 6, kMax: 3 }, /kMin must not exceed kMax/],
      [{ properties: 'num_visits' }, /'properties'/],
      [{ amountProperty: '' }, /'amountProperty'/],
    ];
    for (const [options, pattern] of cases) {
      await rejectsWith(
        plugin.train(shop.contacts, context({ ...SEGMENTS, ...options }, shop.orders)),
        'segments_options_invalid',
        pattern,
      );
    }
  });
});

describe('recommendations: bad input and options', () => {
  const plugin = createRecommendationsPlugin();
  const ids = (score: RecordScore | undefined) =>
    String(score?.values[RECOMMENDATION_IDS_FIELD] ?? '').split(';');

  it('learns from one customer only and recommends the popular items to everyone else', async () => {
    const { context } = capture();
    const one = shop.orders.filter((order) => order.associations?.contacts?.[0] === 'c0');
    const model = await plugin.train(shop.contacts, context(RECOMMENDATIONS, one));
    const [stranger] = await model.score([contact('stranger')], new Map([['orders', one]]));
    assert.ok(ids(stranger).length > 0 && ids(stranger)[0] !== '', 'gets popular items');
  });

  it('never takes a returned or cancelled line as a purchase', async () => {
    const { context } = capture();
    const lamp = {
      hs_product_id: 'lamp-x',
      name: 'LAMP X',
      quantity: '-5',
      createdate: '2025-06-20',
    };
    const returned: CrmRecord = {
      id: 'return-lamp',
      objectType: 'orders',
      properties: lamp,
      updatedAt: '',
      archived: false,
      associations: { contacts: ['c1', 'c2', 'c4', 'c5', 'c6', 'c8'] },
    };
    const orders = [...shop.orders, returned];
    const model = await plugin.train(shop.contacts, context(RECOMMENDATIONS, orders));
    const scores = await model.score(shop.contacts, new Map([['orders', orders]]));
    assert.ok(
      scores.every((score) => !ids(score).includes('lamp-x')),
      'the returned item is unknown',
    );
    assert.equal(model.metrics['returns'], 6);
  });

  it('refuses bad options, naming the option', async () => {
    const { context } = capture();
    const cases: [object, RegExp][] = [
      [{ topN: 0 }, /'topN'/],
      [{ topN: 51 }, /'topN'/],
      [{ models: [] }, /'models'/],
      [{ models: ['magic'] }, /'models/],
      [{ repeatWindowDays: -1 }, /'repeatWindowDays'/],
      [{ validationDays: 0 }, /'validationDays'/],
      [{ allowRepeat: 'yes' }, /'allowRepeat'/],
    ];
    for (const [options, pattern] of cases) {
      await rejectsWith(
        plugin.train(shop.contacts, context({ ...RECOMMENDATIONS, ...options }, shop.orders)),
        'recommendations_options_invalid',
        pattern,
      );
    }
  });
});
