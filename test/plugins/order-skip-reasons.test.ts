import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { createNextPurchasePlugin } from '../../plugins/next-purchase/index.js';
import type { Plugin } from '../../plugins/plugin.js';
import { createRecommendationsPlugin } from '../../plugins/recommendations/index.js';

const logger = createLogger('test.order-skip-reasons');
const contacts: CrmRecord[] = ['1', '2', '3'].map((id) => ({
  id,
  objectType: 'contacts',
  properties: {},
  updatedAt: '',
  archived: false,
}));
// Salesforce-style orders: no `createdate`, and a return without a date problem.
const order = (id: string, properties: CrmRecord['properties']): CrmRecord => ({
  id,
  objectType: 'orders',
  properties,
  updatedAt: '',
  archived: false,
  associations: { contacts: ['1'] },
});

/** The skip reason a plugin's training gives for these orders. */
async function reasonOf(plugin: Plugin, orders: CrmRecord[]): Promise<string> {
  const related = new Map<ObjectType, CrmRecord[]>([['orders', orders]]);
  try {
    await plugin.train(contacts, { logger, seed: 1, options: {}, related });
  } catch (error) {
    assert.equal((error as { missingData?: boolean }).missingData, true, String(error));
    return (error as Error).message;
  }
  throw new Error(`${plugin.id} trained on orders it should have refused`);
}

describe('order plugins say why they sat a run out', () => {
  it('next_purchase says there are no orders when none are synced, naming no property', async () => {
    const reason = await reasonOf(createNextPurchasePlugin(), []);
    assert.equal(
      reason,
      'No orders are synced, so none of the 3 contacts has a purchase to learn from',
    );
  });

  it('next_purchase names the property it could not read when orders exist', async () => {
    const orders = [order('1', { EffectiveDate: '2024-01-01', amount: 5 }), order('2', {})];
    const reason = await reasonOf(createNextPurchasePlugin(), orders);
    assert.match(
      reason,
      /^None of the 2 orders could be read: 2 with no readable time in 'createdate'/,
    );
    assert.match(reason, /timeProperty/);
  });

  it('recommendations says there are no orders, without an empty skipped list', async () => {
    const reason = await reasonOf(createRecommendationsPlugin(), []);
    assert.equal(reason, 'No orders are synced, so there are no purchases to learn from');
    assert.doesNotMatch(reason, /\{\}/);
  });

  it('recommendations counts what it skipped in words', async () => {
    const when = '2024-01-01';
    const orders = [
      order('1', { createdate: when, quantity: 1 }),
      order('2', { createdate: when, hs_product_id: 'p1', quantity: -1 }),
    ];
    const reason = await reasonOf(createRecommendationsPlugin(), orders);
    assert.equal(
      reason,
      "No readable purchases among the 2 related orders: 1 with no item id in 'hs_product_id', " +
        '1 returned or empty',
    );
  });
});
