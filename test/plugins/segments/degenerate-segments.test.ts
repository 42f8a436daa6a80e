import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import { SeededRandom } from '../../../core/ml/random.js';
import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';
import {
  createSegmentsPlugin,
  profileSegments,
  type SegmentsModel,
} from '../../../plugins/segments/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1);
const logger = createLogger('test.segments.degenerate');

function linked(id: string, type: ObjectType, time: number, contact: string, amount?: number) {
  const properties: Record<string, string> = { createdate: new Date(time).toISOString() };
  if (amount !== undefined) properties['amount'] = String(amount);
  const record: CrmRecord = {
    id,
    objectType: type,
    properties,
    updatedAt: '',
    archived: false,
    associations: { contacts: [contact] },
  };
  return record;
}

const contact = (id: string): CrmRecord => ({
  id,
  objectType: 'contacts',
  properties: {},
  updatedAt: '',
  archived: false,
});

/**
 * What a sandbox seeded with records but no order dates gives: every order was created at
 * the same moment, so recency, frequency and tenure are one value for all; most contacts
 * have no notes and a few have 1 to 4.
 */
function sameMomentBook(): { contacts: CrmRecord[]; related: RelatedRecords } {
  const contacts: CrmRecord[] = [];
  const orders: CrmRecord[] = [];
  const notes: CrmRecord[] = [];
  const noteCounts = [...Array<number>(150).fill(0), ...[1, 2, 3, 4].flatMap((n) => [n, n, n])];
  noteCounts.forEach((count, i) => {
    const id = `c${i}`;
    contacts.push(contact(id));
    orders.push(linked(`${id}-o`, 'orders', NOW, id));
    for (let n = 0; n < count; n++) notes.push(linked(`${id}-n${n}`, 'notes', NOW - DAY, id));
  });
  return {
    contacts,
    related: new Map([
      ['orders', orders],
      ['notes', notes],
    ]),
  };
}

/** Loyal big spenders, recent first-timers and lapsed one-off buyers, with noise. */
function soundBook(): { contacts: CrmRecord[]; related: RelatedRecords } {
  const rng = new SeededRandom(11);
  const contacts: CrmRecord[] = [];
  const orders: CrmRecord[] = [];
  const groups = [
    { orders: 12, spend: 400, last: 5, first: 700 },
    { orders: 1, spend: 30, last: 10, first: 10 },
    { orders: 1, spend: 25, last: 500, first: 500 },
  ];
  groups.forEach((group, g) => {
    for (let i = 0; i < 50; i++) {
      const id = `g${g}-${i}`;
      contacts.push(contact(id));
      const count = Math.max(1, Math.round(group.orders * (0.8 + 0.4 * rng.next())));
      for (let o = 0; o < count; o++) {
        const span = group.first - group.last;
        const daysAgo = group.last + (count === 1 ? 0 : (span * o) / (count - 1));
        const amount = Math.round(group.spend * (0.7 + 0.6 * rng.next()));
        orders.push(linked(`${id}-o${o}`, 'orders', NOW - daysAgo * DAY, id, amount));
      }
    }
  });
  return { contacts, related: new Map([['orders', orders]]) };
}

describe('degenerate segments are named apart and warned about', () => {
  const plugin = createSegmentsPlugin();

  it('orders all of one moment: the warnings say why and the names say what differs', async () => {
    const { contacts, related } = sameMomentBook();
    const model = await plugin.train(contacts, { logger, seed: 42, options: {}, related });

    const warnings = model.warnings ?? [];
    assert.ok(warnings.length > 0, 'warned');
    const text = warnings.join('\n');
    assert.match(text, /recency_days, frequency and tenure_days are the same for every/);
    assert.match(text, /segments differ almost only in notes_90d \(100 % .*where 93 % of custo/);
    assert.match(text, /customers within each segment are all but identical \(silhouette 1\.00\)/);
    assert.match(text, /segments share the traits 'very active in notes' and differ only in deg/);

    const names = profileSegments(model as SegmentsModel).segments.map((s) => s.name);
    assert.equal(new Set(names).size, names.length, names.join(' | '));
    assert.ok(names.includes('very active in notes (4 notes in 90 days)'), names.join(' | '));
    for (const name of names) {
      assert.doesNotMatch(name, /,/, 'no commas: the summary lists segments with them');
      assert.doesNotMatch(name, /\s\d+$/, `'${name}' is told apart by what differs, not a number`);
    }
  });

  it('three kinds of customer with noise: no warning', async () => {
    const { contacts, related } = soundBook();
    const options = { amountProperty: 'amount' };
    const model = await plugin.train(contacts, { logger, seed: 42, options, related });

    assert.equal(model.metrics['k'], 3);
    assert.deepEqual(model.warnings, []);
    const loaded = await plugin.load(JSON.parse(JSON.stringify(model.save())));
    assert.deepEqual(loaded.warnings, []);
  });
});
