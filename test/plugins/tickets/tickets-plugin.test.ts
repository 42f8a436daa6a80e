import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { createLogger } from '../../../core/logging/logger.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import type { RecordScore, SavedModel, TrainedModel } from '../../../plugins/plugin.js';
import {
  createTicketsPlugin,
  SHIPPED_TICKET_CATEGORIES,
  TICKET_CATEGORY_FIELD,
  TICKET_CONFIDENCE_FIELD,
  TICKET_KEYWORDS_FIELD,
} from '../../../plugins/tickets/index.js';
import { FIXTURE_CATEGORIES, hubSpotTickets, salesforceCase } from './ticket-fixture.js';

const logger = createLogger('test.tickets');
const plugin = createTicketsPlugin({ categories: FIXTURE_CATEGORIES });
const options = { labelProperty: 'hs_ticket_category' };
const FIELDS = [TICKET_CATEGORY_FIELD, TICKET_CONFIDENCE_FIELD, TICKET_KEYWORDS_FIELD];

describe('tickets plugin trained on the CRM’s categories', () => {
  let tickets: CrmRecord[];
  let model: TrainedModel;
  let scores: RecordScore[];

  before(async () => {
    tickets = await hubSpotTickets();
    model = await plugin.train(tickets, { logger, seed: 42, options });
    scores = await model.score(tickets);
  });

  it('declares its object type and fields, the category offering the given classes', () => {
    assert.equal(plugin.objectType, 'tickets');
    assert.deepEqual(
      plugin.fields.map((field) => field.name),
      FIELDS,
    );
    const category = plugin.fields[0];
    assert.deepEqual(
      category?.options?.map((option) => option.value),
      FIXTURE_CATEGORIES,
    );
  });

  it('learns separable categories: held-out figures beat the majority class', () => {
    assert.equal(model.metrics['trained_on_crm'], 1);
    assert.ok((model.metrics['accuracy'] ?? 0) >= 0.9, `accuracy ${model.metrics['accuracy']}`);
    assert.ok((model.metrics['macro_f1'] ?? 0) >= 0.9, `macro F1 ${model.metrics['macro_f1']}`);
    assert.ok((model.metrics['baseline_majority_accuracy'] ?? 1) < 0.5);
    for (const name of FIXTURE_CATEGORIES) assert.ok(`f1_${name}` in model.metrics, name);
    assert.equal((model.metrics['train_rows'] ?? 0) + (model.metrics['test_rows'] ?? 0), 73);
  });

  it('gives every ticket with words all three fields; empty and emoji-only ones are skipped', () => {
    const ids = new Set(scores.map((score) => score.recordId));
    assert.equal(scores.length, tickets.length - 2);
    assert.ok(!ids.has('blank-1') && !ids.has('emoji-1'));
    for (const score of scores) {
      const category = score.values[TICKET_CATEGORY_FIELD];
      const confidence = score.values[TICKET_CONFIDENCE_FIELD];
      assert.ok(FIXTURE_CATEGORIES.includes(String(category)), String(category));
      assert.ok(typeof confidence === 'number' && confidence >= 0 && confidence <= 100);
      assert.equal(typeof score.values[TICKET_KEYWORDS_FIELD], 'string');
    }
  });

  it('puts each fixture ticket in its own category, HTML ones too', () => {
    const byId = new Map(scores.map((score) => [score.recordId, score.values]));
    const wrong = tickets.filter((ticket) => {
      const label = ticket.properties['hs_ticket_category'];
      return label && byId.get(ticket.id)?.[TICKET_CATEGORY_FIELD] !== label;
    });
    assert.ok(wrong.length <= 2, `misclassified: ${wrong.map((ticket) => ticket.id).join(', ')}`);
    assert.equal(byId.get('html-1')?.[TICKET_CATEGORY_FIELD], 'Billing');
    assert.equal(byId.get('nolabel-1')?.[TICKET_CATEGORY_FIELD], 'Hardware');
    assert.match(String(byId.get('html-1')?.[TICKET_KEYWORDS_FIELD]), /refund|invoice/);
  });

  it('scores identically after save → JSON → load', async () => {
    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(tickets), scores);
    assert.deepEqual(loaded.metrics, model.metrics);
  });

  it('trains the same model twice with the same seed', async () => {
    const again = await plugin.train(tickets, { logger, seed: 42, options });
    assert.deepEqual(again.save(), model.save());
  });

  it('refuses categories the CRM field does not offer, naming them', async () => {
    const narrow = createTicketsPlugin({ categories: ['Access', 'Billing'] });
    await assert.rejects(narrow.train(tickets, { logger, seed: 42, options }), (error: unknown) => {
      assert.ok(error instanceof CrmMlError);
      assert.equal(error.code, 'tickets_category_not_provisioned');
      assert.match(error.message, /Hardware/);
      return true;
    });
  });

  it('refuses bad options with the option named', async () => {
    await assert.rejects(
      plugin.train(tickets, { logger, seed: 42, options: { classWeight: 'heavy' } }),
      (error: unknown) => error instanceof CrmMlError && error.code === 'tickets_options_invalid',
    );
  });
});

describe('tickets plugin without labels', () => {
  const shipped = createTicketsPlugin();

  it('scores Salesforce Cases with the shipped model and saves only its digest', async () => {
    const cases = [
      salesforceCase('500A', 'cannot login', 'password expired please reset my account access'),
      salesforceCase(
        '500B',
        'laptop broken',
        'the screen of my laptop flickers, need a new monitor',
      ),
      salesforceCase('500C', '', ''),
    ];
    const model = await shipped.train(cases, { logger, seed: 42, options: {} });
    assert.equal(model.metrics['trained_on_crm'], 0);
    assert.ok((model.metrics['shipped_accuracy'] ?? 0) > 0.8, 'the model card figures are carried');

    const scores = await model.score(cases);
    assert.deepEqual(
      scores.map((score) => score.recordId),
      ['500A', '500B'],
    );
    assert.equal(scores[0]?.values[TICKET_CATEGORY_FIELD], 'Access');
    assert.equal(scores[1]?.values[TICKET_CATEGORY_FIELD], 'Hardware');
    for (const score of scores) {
      assert.ok(SHIPPED_TICKET_CATEGORIES.includes(String(score.values[TICKET_CATEGORY_FIELD])));
    }

    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    assert.equal(saved.weights, null);
    assert.deepEqual(await (await shipped.load(saved)).score(cases), scores);
  });

  it('falls back to the shipped model when too few tickets carry a category', async () => {
    const few = (await hubSpotTickets()).slice(0, 12);
    const model = await shipped.train(few, {
      logger,
      seed: 42,
      options: { labelProperty: 'hs_ticket_category' },
    });
    assert.equal(model.metrics['trained_on_crm'], 0);
    assert.equal(model.metrics['labelled_rows'], 12);
  });

  it('reads a huge ticket in bounded time, as its opening would read', async () => {
    const line = 'password expired, account locked, please reset my login. ';
    const huge = salesforceCase('500H', 'locked out', line.repeat(50_000));
    const short = salesforceCase('500S', 'locked out', line.repeat(20));
    const model = await shipped.train([huge], { logger, seed: 42, options: {} });
    const started = performance.now();
    const [hugeScore, shortScore] = await model.score([huge, short]);
    assert.ok(performance.now() - started < 2000);
    assert.equal(hugeScore?.values[TICKET_CATEGORY_FIELD], 'Access');
    assert.equal(shortScore?.values[TICKET_CATEGORY_FIELD], 'Access');
  });
});
