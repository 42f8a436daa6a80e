import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import {
  createNextPurchasePlugin,
  EXPECTED_PURCHASES_FIELD,
  EXPECTED_VALUE_FIELD,
  NEXT_PURCHASE_DATE_FIELD,
  NEXT_PURCHASE_FIELDS,
  P_ALIVE_FIELD,
} from '../../../plugins/next-purchase/index.js';
import type { SavedModel } from '../../../plugins/plugin.js';
import { orderBook } from './order-book.js';

const logger = createLogger('test.next-purchase');
const plugin = createNextPurchasePlugin();
const options = { amountProperty: 'amount' };
const contact = (id: string): CrmRecord => ({
  id,
  objectType: 'contacts',
  properties: {},
  updatedAt: '',
  archived: false,
});
const order = (id: string, customer: string, createdate: string, amount = '10'): CrmRecord => ({
  id,
  objectType: 'orders',
  properties: { createdate, amount },
  updatedAt: '',
  archived: false,
  associations: { contacts: [customer] },
});

describe('next-purchase plugin', () => {
  const { contacts, orders } = orderBook(800, 3);
  const related = new Map([['orders' as const, orders]]);
  const train = () =>
    plugin.train([...contacts, contact('no-orders')], { logger, seed: 42, options, related });

  it('scores every contact with orders on every field, identically after save and load', async () => {
    const model = await train();
    const scores = await model.score([...contacts, contact('no-orders')], related);
    assert.equal(scores.length, contacts.length, 'the contact without orders is skipped');
    assert.equal(model.metrics['contacts_without_orders'], 1);
    for (const score of scores) {
      for (const field of NEXT_PURCHASE_FIELDS) {
        const value = score.values[field.name];
        assert.ok(value !== null && value !== undefined, `${score.recordId} lacks ${field.name}`);
      }
      const pAlive = score.values[P_ALIVE_FIELD] as number;
      assert.ok(pAlive >= 0 && pAlive <= 100, `P(alive) ${pAlive}`);
      assert.ok((score.values[EXPECTED_PURCHASES_FIELD] as number) >= 0);
      assert.ok((score.values[EXPECTED_VALUE_FIELD] as number) >= 0);
      // Scored at the last order day (the end of the simulated year) or after it.
      assert.ok(String(score.values[NEXT_PURCHASE_DATE_FIELD]) >= '2024-01-01', score.recordId);
    }

    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(contacts, related), scores);
    assert.deepEqual(loaded.metrics, model.metrics);
  });

  it('ranks customers by how recently and often they bought', async () => {
    const model = await train();
    const lastDay = '2023-12-31T10:00:00Z';
    const book = [
      order('a1', 'steady', '2023-09-01T10:00:00Z'),
      order('a2', 'steady', '2023-10-15T10:00:00Z'),
      order('a3', 'steady', '2023-12-20T10:00:00Z'),
      order('b1', 'lapsed', '2023-01-10T10:00:00Z'),
      order('b2', 'lapsed', '2023-01-20T10:00:00Z'),
      order('b3', 'lapsed', '2023-02-01T10:00:00Z'),
      order('z', 'c0000', lastDay),
    ];
    const scores = await model.score(
      [contact('steady'), contact('lapsed')],
      new Map([['orders', book]]),
    );
    const [steady, lapsed] = scores.map((s) => s.values);
    assert.ok((steady?.[P_ALIVE_FIELD] as number) > (lapsed?.[P_ALIVE_FIELD] as number));
    const reasons = await model.explain?.(contact('lapsed'), new Map([['orders', book]]));
    assert.equal(reasons?.[0], '3 purchase days in 355, the last 333 days ago');
    assert.match(
      reasons?.[2] ?? '',
      /^still buying: \d+ %, 333 days since the last purchase against 11 between/,
    );
    assert.deepEqual(await model.explain?.(contact('nobody'), new Map([['orders', book]])), []);
    assert.ok(
      (steady?.[EXPECTED_PURCHASES_FIELD] as number) >
        (lapsed?.[EXPECTED_PURCHASES_FIELD] as number),
    );
  });

  it('reports held-out figures beside the own-rate baseline', async () => {
    const { metrics } = await train();
    assert.equal(metrics['holdout_days'], 90);
    assert.ok((metrics['holdout_customers'] as number) > 700);
    assert.ok(
      (metrics['holdout_rmse'] as number) < (metrics['baseline_rmse'] as number),
      JSON.stringify(metrics),
    );
    assert.ok(Math.abs((metrics['r'] as number) - 0.5) < 0.2, `r ${metrics['r']}`);
  });

  it('trains the same model twice from one seed', async () => {
    assert.deepEqual((await train()).save(), (await train()).save());
  });

  it('refuses input it cannot learn from, saying why', async () => {
    const fit = (
      records: CrmRecord[],
      book: CrmRecord[],
      opts: Record<string, unknown> = options,
    ) =>
      plugin.train(records, {
        logger,
        seed: 1,
        options: opts,
        related: new Map([['orders', book]]),
      });

    await assert.rejects(fit([contact('x')], []), { code: 'next_purchase_no_purchases' });
    const one = [order('1', 'x', '2023-01-01'), order('2', 'x', '2023-02-01')];
    await assert.rejects(fit([contact('x')], one), { code: 'next_purchase_too_few_customers' });
    const sameDay = ['x', 'y', 'z'].map((id, i) =>
      order(String(i), id, '2023-03-01T0' + i + ':00:00Z'),
    );
    await assert.rejects(fit(['x', 'y', 'z'].map(contact), sameDay), {
      code: 'next_purchase_no_repeat_purchases',
    });
    await assert.rejects(fit([contact('x')], one, { horizonDays: 0 }), {
      code: 'next_purchase_options_invalid',
      message: /horizonDays/,
    });
    // Missing data skips the plugin for a run instead of failing it.
    await assert.rejects(fit([contact('x')], []), { missingData: true });
    await assert.rejects(fit(['x', 'y', 'z'].map(contact), sameDay), { missingData: true });
    const badDates = [order('1', 'x', 'soon'), order('2', 'y', 'later')];
    await assert.rejects(fit(['x', 'y'].map(contact), badDates), {
      code: 'next_purchase_no_purchases',
    });
  });
});
