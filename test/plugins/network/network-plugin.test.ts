import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino } from 'pino';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import { isMissingData } from '../../../plugins/missing-data-error.js';
import {
  COMMUNITY_FIELD,
  COMMUNITY_ID_FIELD,
  CONTACTS_FIELD,
  createNetworkPlugin,
  INFLUENCE_FIELD,
  ROLE_FIELD,
} from '../../../plugins/network/index.js';
import type { RecordScore, RelatedRecords, TrainContext } from '../../../plugins/plugin.js';
import { activity, cliqueCrm, cliqueCrmWithBadLinks, contact } from './network-fixture.js';

function context(related: RelatedRecords, options: Record<string, unknown> = {}) {
  const lines: { level: number; msg: string; skipped?: Record<string, number> }[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  const train: TrainContext = { logger, seed: 42, options, related };
  return { train, lines };
}

const byId = (scores: RecordScore[]) => new Map(scores.map((score) => [score.recordId, score]));

describe('network plugin', () => {
  it('finds the two groups, names them by company and flags the bridge', async () => {
    const { records, related } = cliqueCrm();
    const model = await createNetworkPlugin().train(records, context(related).train);
    const scores = byId(await model.score(records, related));
    assert.equal(scores.size, 11);

    const community = (id: string) => scores.get(id)?.values[COMMUNITY_FIELD];
    assert.equal(community('a1'), 'Acme Corp');
    assert.equal(community('b1'), 'Globex');
    assert.equal(new Set([...scores.values()].map((s) => s.values[COMMUNITY_ID_FIELD])).size, 2);
    assert.equal(scores.get('x')?.values[ROLE_FIELD], 'bridge');
    const bridges = [...scores.values()].filter((s) => s.values[ROLE_FIELD] === 'bridge');
    assert.deepEqual(
      bridges.map((s) => s.recordId),
      ['x'],
    );
    assert.equal(scores.get('x')?.values[INFLUENCE_FIELD], 100);
    assert.equal(scores.get('x')?.values[CONTACTS_FIELD], 6);
    assert.equal(scores.get('a4')?.values[CONTACTS_FIELD], 4);
    assert.equal(model.metrics['communities'], 2);
    assert.equal(model.metrics['bridges'], 1);

    const reasons = (await model.explain?.(contact('x'), related)) ?? [];
    assert.equal(reasons[0], 'talks with 6 people in 2 communities');
    assert.equal(reasons[1], 'top 1 % by influence');
    assert.match(reasons[2] ?? '', /^in community "(Acme Corp|Globex)" \(6 contacts\)$/);
    assert.equal(reasons[3], 'bridge: 50 % of its ties go to other communities');
    assert.equal(reasons[4], 'mostly through meetings (6)');
  });

  it('skips links to unknown contacts, self links and archived records, and says why', async () => {
    const { records, related } = cliqueCrmWithBadLinks();
    const { train, lines } = context(related);
    const model = await createNetworkPlugin().train(records, train);
    const scores = byId(await model.score(records, related));

    assert.equal(scores.has('loner'), false, 'a contact without ties is not scored');
    assert.equal(scores.has('ghost'), false);
    assert.equal(scores.get('a1')?.values[CONTACTS_FIELD], 5, 'the ghost is not counted');
    assert.equal(scores.get('a5')?.values[CONTACTS_FIELD], 4, 'the archived email ties nobody');
    const warning = lines.find((line) => line.msg === 'network links skipped');
    assert.deepEqual(warning?.skipped, { repeated_contact: 1, unknown_contact: 1 });
    assert.deepEqual(await model.explain?.(contact('loner'), related), [
      'no shared email, call, meeting, note, ticket, deal or company with another contact',
    ]);
    assert.equal(model.metrics['contacts_without_ties'], 1);
  });

  it('sits the run out when nobody shares anything', async () => {
    const related = new Map<ObjectType, CrmRecord[]>([
      ['emails', [activity('emails', 'e1', ['a1'])]],
    ]);
    for (const [records, data] of [
      [[contact('a1'), contact('a2')], related],
      [[], new Map()],
    ] as const) {
      await assert.rejects(createNetworkPlugin().train(records, context(data).train), (error) => {
        assert.ok(isMissingData(error));
        assert.equal((error as CrmMlError).code, 'network_no_interactions');
        return true;
      });
    }
  });

  it('ties contacts through shared deals and companies, and ignores mass mailings', async () => {
    const records = ['p', 'q', 'r', 's', 't'].map((id) => contact(id));
    (records[0] as CrmRecord).associations = { companies: ['co1'] };
    (records[1] as CrmRecord).associations = { companies: ['co1'] };
    const deal: CrmRecord = { ...activity('deals', 'd1', ['q', 'r']), objectType: 'deals' };
    const onDeal: CrmRecord = {
      ...activity('calls', 'c1', ['s']),
      associations: { contacts: ['s'], deals: ['d1'] },
    };
    const blast = activity('emails', 'blast', ['p', 'q', 'r', 's', 't']);
    const related = new Map<ObjectType, CrmRecord[]>([
      ['deals', [deal]],
      ['calls', [onDeal]],
      ['emails', [blast]],
      ['companies', [{ ...activity('companies', 'co1', []), properties: { name: 'Umbrella' } }]],
    ]);
    const { train, lines } = context(related, { maxGroupSize: 4 });
    const model = await createNetworkPlugin().train(records, train);
    const scores = byId(await model.score(records, related));
    assert.deepEqual([...scores.keys()].sort(), ['p', 'q', 'r', 's']);
    assert.equal(scores.get('q')?.values[CONTACTS_FIELD], 3, 'q: p (company), r and s (deal)');
    assert.equal(scores.get('p')?.values[CONTACTS_FIELD], 1);
    assert.equal(scores.get('p')?.values[ROLE_FIELD], 'peripheral');
    // p and q work at Umbrella (a linked company record): half the community, so it is named so.
    assert.equal(scores.get('q')?.values[COMMUNITY_FIELD], 'Umbrella');
    const warning = lines.find((line) => line.msg === 'network links skipped');
    assert.deepEqual(warning?.skipped, { group_too_large: 1 });
  });

  it('keeps community ids with the same people when retrained', async () => {
    const { records, related } = cliqueCrm();
    const plugin = createNetworkPlugin();
    const first = await plugin.train(records, context(related).train);
    const ids = byId(await first.score(records, related));
    // Make b's group the larger one: without the previous model its id would change.
    const more = ['b6', 'b7'].map((id) => contact(id));
    const calls = [...(related.get('calls') ?? []), activity('calls', 'n1', ['b1', 'b6', 'b7'])];
    const grown = new Map(related).set('calls', calls);
    const second = await plugin.train([...records, ...more], {
      ...context(grown).train,
      previous: first.save(),
    });
    const again = byId(await second.score([...records, ...more], grown));
    for (const id of ['a1', 'b1', 'x']) {
      assert.equal(
        again.get(id)?.values[COMMUNITY_ID_FIELD],
        ids.get(id)?.values[COMMUNITY_ID_FIELD],
      );
    }
    assert.equal(
      again.get('b6')?.values[COMMUNITY_ID_FIELD],
      ids.get('b1')?.values[COMMUNITY_ID_FIELD],
    );
  });

  it('refuses bad options and a model of another plugin', async () => {
    const { records, related } = cliqueCrm();
    const plugin = createNetworkPlugin();
    await assert.rejects(
      plugin.train(records, context(related, { damping: 1.5 }).train),
      (error: CrmMlError) =>
        error.code === 'network_options_invalid' && /damping/.test(error.message),
    );
    await assert.rejects(
      plugin.load({ pluginId: 'segments', config: {}, weights: {}, metrics: {} }),
      (error: CrmMlError) => error.code === 'network_model_wrong_plugin',
    );
    await assert.rejects(
      plugin.load({ pluginId: 'network', config: { version: 1 }, weights: {}, metrics: {} }),
      (error: CrmMlError) => error.code === 'network_model_invalid',
    );
  });
});
