import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import { minCostAssignment } from '../../../core/ml/hungarian.js';
import { kMeans } from '../../../core/ml/kmeans.js';
import { zeroMatrix } from '../../../core/ml/matrix.js';
import { SeededRandom } from '../../../core/ml/random.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import type { RecordScore, SavedModel } from '../../../plugins/plugin.js';
import {
  createSegmentsPlugin,
  profileSegments,
  renderSegmentsSvg,
  segmentNames,
  SEGMENT_FIELD,
  SEGMENT_ID_FIELD,
  type SegmentsModel,
} from '../../../plugins/segments/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2012, 0, 1);
const logger = createLogger('test.segments');

describe('kMeans', () => {
  it('recovers three well-separated blobs', () => {
    const rng = new SeededRandom(7);
    const centres = [
      [0, 0],
      [10, 10],
      [-10, 10],
    ];
    const x = zeroMatrix(150, 2);
    centres.forEach(([cx, cy], blob) => {
      for (let i = 0; i < 50; i++) {
        x.data[(blob * 50 + i) * 2] = (cx ?? 0) + rng.nextNormal();
        x.data[(blob * 50 + i) * 2 + 1] = (cy ?? 0) + rng.nextNormal();
      }
    });
    const { assignments } = kMeans(x, 3, { seed: 1 });
    for (let blob = 0; blob < 3; blob++) {
      const labels = new Set(assignments.subarray(blob * 50, blob * 50 + 50));
      assert.equal(labels.size, 1, `blob ${blob} is split`);
    }
    assert.equal(new Set(assignments).size, 3);
  });
});

describe('minCostAssignment', () => {
  it('finds the cheapest pairing', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    assert.deepEqual(minCostAssignment(cost), [1, 0, 2]);
    assert.deepEqual(minCostAssignment([[5, 1, 9]]), [1]);
  });
});

describe('segmentNames', () => {
  it('names centroids from their strongest traits and keeps names distinct', () => {
    const features = ['recency_days', 'frequency', 'monetary', 'tenure_days'];
    const names = segmentNames(features, [
      [-1, 1.6, 1.4, 0.2],
      [1.5, -0.8, -0.6, 0],
      [0.1, 0, 0.2, -0.1],
      [0.2, 0.1, -0.7, -1],
      [0.2, 0.1, -0.7, -0.6],
    ]);
    assert.deepEqual(names.slice(0, 3), [
      'very frequent · top value',
      'lapsed · one-off',
      'typical',
    ]);
    assert.equal(new Set(names).size, names.length);
    // No commas: the run summary lists segments with them.
    assert.ok(
      names.every((n) => /^[a-z ·0-9-]+$/.test(n)),
      names.join(' | '),
    );
  });
});

/** Three kinds of customer: loyal big spenders, recent first-timers, lapsed one-off buyers. */
function customerBook(
  seed: number,
  perGroup: number,
): { contacts: CrmRecord[]; orders: CrmRecord[] } {
  const rng = new SeededRandom(seed);
  const contacts: CrmRecord[] = [];
  const orders: CrmRecord[] = [];
  const groups = [
    { orders: 12, spend: 400, lastDaysAgo: 5, firstDaysAgo: 700 },
    { orders: 1, spend: 30, lastDaysAgo: 10, firstDaysAgo: 10 },
    { orders: 1, spend: 25, lastDaysAgo: 500, firstDaysAgo: 500 },
  ];
  groups.forEach((group, g) => {
    for (let i = 0; i < perGroup; i++) {
      const id = `g${g}-${i}`;
      contacts.push({ id, objectType: 'contacts', properties: {}, updatedAt: '', archived: false });
      const count = Math.max(1, Math.round(group.orders * (0.8 + 0.4 * rng.next())));
      for (let o = 0; o < count; o++) {
        const span = group.firstDaysAgo - group.lastDaysAgo;
        const daysAgo = group.lastDaysAgo + (count === 1 ? 0 : (span * o) / (count - 1));
        orders.push({
          id: `${id}-o${o}`,
          objectType: 'orders',
          properties: {
            createdate: new Date(NOW - daysAgo * DAY).toISOString(),
            amount: String(Math.round(group.spend * (0.7 + 0.6 * rng.next()))),
          },
          updatedAt: '',
          archived: false,
          associations: { contacts: [id] },
        });
      }
    }
  });
  return { contacts, orders };
}

const byRecord = (scores: RecordScore[]) =>
  new Map(scores.map((s) => [s.recordId, s.values[SEGMENT_ID_FIELD]]));

describe('segments plugin', () => {
  const plugin = createSegmentsPlugin();
  const { contacts, orders } = customerBook(3, 60);
  const related = new Map([['orders' as const, orders]]);
  const options = { amountProperty: 'amount' };
  const noOrders: CrmRecord = {
    id: 'lonely',
    objectType: 'contacts',
    properties: {},
    updatedAt: '',
    archived: false,
  };

  it('finds the three kinds of customer, names them and round-trips', async () => {
    const model = await plugin.train(contacts, { logger, seed: 42, options, related });
    assert.equal(model.metrics['k'], 3);
    const scores = await model.score([...contacts, noOrders], related);

    const profile = profileSegments(model as SegmentsModel);
    assert.deepEqual(
      profile.segments.map((s) => s.size),
      [60, 60, 60],
    );
    const names = profile.segments.map((s) => s.name);
    assert.equal(new Set(names).size, 3);
    // Id 1 is the most valuable segment: the loyal big spenders.
    assert.equal(byRecord(scores).get('g0-0'), 1);
    assert.match(String(scores[0]?.values[SEGMENT_FIELD]), /frequent|value/);
    assert.equal(scores.at(-1)?.values[SEGMENT_FIELD], 'no purchases yet');
    assert.match(renderSegmentsSvg(profile), /^<svg[^]*very frequent[^]*<\/svg>$/);

    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score([...contacts, noOrders], related), scores);
  });

  it('gives the same segments whatever the order of the records', async () => {
    const first = await plugin.train(contacts, { logger, seed: 42, options, related });
    const shuffled = new SeededRandom(9).shuffle([...contacts]);
    const shuffledOrders = new Map([
      ['orders' as const, new SeededRandom(10).shuffle([...orders])],
    ]);
    const second = await plugin.train(shuffled, {
      logger,
      seed: 42,
      options,
      related: shuffledOrders,
    });
    assert.deepEqual(
      byRecord(await second.score(contacts, related)),
      byRecord(await first.score(contacts, related)),
    );
  });

  it('keeps segment ids across a retrain on slightly changed data', async () => {
    const first = await plugin.train(contacts, { logger, seed: 42, options, related });
    const changed = customerBook(4, 66);
    const changedRelated = new Map([['orders' as const, changed.orders]]);
    // A different seed too, so the clusters come out in another internal order.
    const second = await plugin.train(changed.contacts, {
      logger,
      seed: 7,
      options,
      previous: first.save(),
      related: changedRelated,
    });
    const before = byRecord(await first.score(contacts, related));
    const after = byRecord(await second.score(contacts, related));
    const kept = contacts.filter((c) => before.get(c.id) === after.get(c.id)).length;
    assert.ok(kept / contacts.length >= 0.95, `only ${kept} of ${contacts.length} kept their id`);
  });
});
