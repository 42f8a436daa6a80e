import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';
import {
  createSegmentsPlugin,
  profileSegments,
  SEGMENT_FIELD,
  SEGMENT_ID_FIELD,
  type SegmentsModel,
} from '../../../plugins/segments/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2012, 0, 1);
const logger = createLogger('test.segments.activity');

function record(
  id: string,
  objectType: ObjectType,
  daysAgo: number,
  contact: string,
  extra: Record<string, string> = {},
): CrmRecord {
  return {
    id,
    objectType,
    properties: { createdate: new Date(NOW - daysAgo * DAY).toISOString(), ...extra },
    updatedAt: '',
    archived: false,
    associations: { contacts: [contact] },
  };
}

/**
 * Two groups whose orders are identical (three orders of 100, 10, 40 and 70 days ago); only
 * the first group writes emails and takes calls, within the last 90 days.
 */
function twinBook(perGroup: number): { contacts: CrmRecord[]; related: RelatedRecords } {
  const contacts: CrmRecord[] = [];
  const orders: CrmRecord[] = [];
  const emails: CrmRecord[] = [];
  const calls: CrmRecord[] = [];
  for (const group of ['busy', 'quiet']) {
    for (let i = 0; i < perGroup; i++) {
      const id = `${group}-${i}`;
      contacts.push({ id, objectType: 'contacts', properties: {}, updatedAt: '', archived: false });
      [10, 40, 70].forEach((daysAgo, o) =>
        orders.push(record(`${id}-o${o}`, 'orders', daysAgo, id, { amount: '100' })),
      );
      if (group !== 'busy') continue;
      for (let e = 0; e < 6 + (i % 3); e++)
        emails.push(record(`${id}-e${e}`, 'emails', 2 + e * 9, id));
      for (let c = 0; c < 2 + (i % 2); c++)
        calls.push(record(`${id}-c${c}`, 'calls', 5 + c * 20, id));
    }
  }
  // An email older than the 90-day window counts for nothing.
  emails.push(record('old-email', 'emails', 200, 'quiet-0'));
  const related: RelatedRecords = new Map([
    ['orders', orders],
    ['emails', emails],
    ['calls', calls],
  ]);
  return { contacts, related };
}

describe('segments plugin with activity', () => {
  const plugin = createSegmentsPlugin();
  const options = { amountProperty: 'amount' };

  it('lists the activity types among its inputs so the core syncs them', () => {
    assert.deepEqual(plugin.inputs, ['orders', 'notes', 'emails', 'calls', 'meetings']);
  });

  it('separates customers with identical orders by their recent emails and calls', async () => {
    const { contacts, related } = twinBook(20);
    // k fixed at 2: the question is which way the split goes, not how many segments.
    const model = await plugin.train(contacts, {
      logger,
      seed: 42,
      options: { ...options, k: 2 },
      related,
    });

    const scores = await model.score(contacts, related);
    const segmentOf = new Map(scores.map((s) => [s.recordId, s.values[SEGMENT_ID_FIELD]]));
    const busy = new Set(
      contacts.filter((c) => c.id.startsWith('busy')).map((c) => segmentOf.get(c.id)),
    );
    const quiet = new Set(
      contacts.filter((c) => c.id.startsWith('quiet')).map((c) => segmentOf.get(c.id)),
    );
    assert.equal(busy.size, 1);
    assert.equal(quiet.size, 1);
    assert.notDeepEqual([...busy], [...quiet]);

    const profile = profileSegments(model as SegmentsModel);
    assert.deepEqual(
      profile.segments.map((s) => s.size),
      [20, 20],
    );
    const busyName = String(scores.find((s) => s.recordId === 'busy-0')?.values[SEGMENT_FIELD]);
    assert.match(busyName, /active by email|active by phone/);

    const reasons = await model.explain?.(contacts[0] as CrmRecord, related);
    assert.ok(
      reasons?.some((r) => /\d+ emails in 90 days/.test(r)),
      reasons?.join(' | '),
    );
  });

  it('trains on orders alone as before when no activity is synced', async () => {
    const { contacts, related } = twinBook(20);
    const ordersOnly: RelatedRecords = new Map([['orders', related.get('orders') ?? []]]);
    const model = await plugin.train(contacts, {
      logger,
      seed: 42,
      options: { ...options, k: 1 },
      related: ordersOnly,
    });
    assert.deepEqual((model as SegmentsModel).state.features, [
      'recency_days',
      'frequency',
      'monetary',
      'tenure_days',
    ]);
  });
});
