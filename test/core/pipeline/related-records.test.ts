import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { runPipeline, type RunSummary } from '../../../core/pipeline/run-pipeline.js';
import { openRuntime } from '../../../core/runtime/open-runtime.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { createRecommendationsPlugin } from '../../../plugins/recommendations/index.js';
import { createSegmentsPlugin } from '../../../plugins/segments/index.js';
import { createSentimentPlugin } from '../../../plugins/sentiment/index.js';

const TOKEN = 'related-test-token';
const DAY_MS = 24 * 60 * 60 * 1000;
const CONTACTS = 60;
const PRODUCTS = ['mug', 'lamp', 'vase', 'tray', 'clock', 'frame'];
const SENTENCES = ['Great service, very happy.', 'Terrible delay, I am angry.', 'Works well.'];

/** Contacts with a churn label, orders for two thirds of them, notes for every third. */
function seed(sandbox: HubSpotSandbox): { buyerWithNotes: string } {
  const now = Date.now();
  let buyerWithNotes = '';
  for (let i = 0; i < CONTACTS; i += 1) {
    const churned = i % 3 === 0 ? 'Yes' : 'No';
    const contact = sandbox.data.create('contacts', {
      email: `c${i}@example.com`,
      tenure: (i * 7) % 70,
      monthly: 20 + ((i * 13) % 80),
      churn: churned,
    });
    if (i % 3 !== 2) {
      for (let order = 0; order < 1 + (i % 4); order += 1) {
        const product = PRODUCTS[(i + order) % PRODUCTS.length] ?? 'mug';
        const properties = {
          hs_product_id: product,
          name: product,
          quantity: 1 + order,
          amount: 10 * (1 + order),
          createdate: new Date(now - (i + order * 11) * DAY_MS).toISOString(),
        };
        sandbox.data.create('orders', properties, { associations: { contacts: [contact] } });
      }
    }
    if (i % 3 === 0) {
      SENTENCES.forEach((body, n) => {
        const at = new Date(now - (n + 1) * DAY_MS).toISOString();
        const properties = { hs_note_body: body, hs_timestamp: at };
        sandbox.data.create('notes', properties, { associations: { contacts: [contact] } });
      });
      if (i % 3 !== 2 && buyerWithNotes === '') buyerWithNotes = contact;
    }
  }
  return { buyerWithNotes };
}

describe('pipeline with related records (orders and notes linked to contacts)', () => {
  let sandbox: HubSpotSandbox;
  let store: Store;
  let summary: RunSummary;
  let buyerWithNotes: string;

  before(async () => {
    sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
    for (const name of ['tenure', 'monthly', 'churn', 'amount', 'quantity']) {
      const type = name === 'churn' ? 'string' : 'number';
      const objectType = ['amount', 'quantity'].includes(name) ? 'orders' : 'contacts';
      sandbox.data.catalog.add(objectType, {
        name,
        label: name,
        type,
        fieldType: type === 'number' ? 'number' : 'text',
        groupName: `${objectType === 'orders' ? 'order' : 'contact'}information`,
        description: '',
        options: [],
        displayOrder: -1,
        readOnlyValue: false,
        hubspotDefined: false,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
    }
    for (const name of ['hs_product_id', 'name']) {
      sandbox.data.catalog.add('orders', {
        name,
        label: name,
        type: 'string',
        fieldType: 'text',
        groupName: 'orderinformation',
        description: '',
        options: [],
        displayOrder: -1,
        readOnlyValue: false,
        hubspotDefined: true,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      });
    }
    ({ buyerWithNotes } = seed(sandbox));
    store = await openStore({ sqlitePath: ':memory:' });

    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url }),
      connectionId: 'related-test',
      plugins: [
        createChurnPlugin(),
        createSegmentsPlugin(),
        createRecommendationsPlugin(),
        createSentimentPlugin(),
      ],
      pluginOptions: {
        churn: { target: 'churn', positive: 'Yes', families: ['logistic'] },
        segments: { amountProperty: 'amount', k: 2 },
        recommendations: { models: ['popularity'] },
        sentiment: {},
      },
      seed: 7,
    });
    try {
      summary = await runPipeline(runtime.context, runtime.runner, { forceTrain: true });
    } finally {
      await runtime.close();
    }
  });

  after(async () => {
    await store.close();
    await sandbox.close();
  });

  it('keeps the contact links of orders and notes through sync and the store', async () => {
    const orders = summary.sync.find((sync) => sync.objectType === 'orders');
    assert.equal(orders?.storeTotal, sandbox.data.count('orders'));
    const order = await store.records.get('related-test', 'orders', '1');
    assert.deepEqual(order?.associations, { contacts: ['1'] });
  });

  it('writes all four plugins onto a contact with orders and notes, in one update', () => {
    const record = sandbox.data.get('contacts', buyerWithNotes);
    assert.ok(record, `contact ${buyerWithNotes} exists`);
    const values = record.properties;
    for (const field of [
      'crm_ml_churn_score',
      'crm_ml_segment',
      'crm_ml_recommendations',
      'crm_ml_sentiment_score',
      'crm_ml_sentiment_label',
    ]) {
      assert.ok((values[field] ?? '') !== '', `${field} is set on contact ${buyerWithNotes}`);
    }
    assert.notEqual(values['crm_ml_segment'], 'no purchases yet');
    assert.equal(
      values['crm_ml_model_version'],
      'churn v1, recommendations v1, segments v1, sentiment v1',
    );
  });

  it('sends each contact once: one write call for 60 contacts and four plugins', () => {
    assert.equal(summary.writeback.written, CONTACTS);
    assert.equal(summary.writeback.calls, 1);
    assert.equal(summary.writeback.failed, 0);
  });
});
