import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector, FieldSpec } from '../../../connectors/connector.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { NO_LIMITS, sandboxConnector } from './hubspot-test-kit.js';

const FIELDS: FieldSpec[] = [
  { name: 'crm_ml_churn_score', label: 'Churn score', description: 'p(churn)', type: 'number' },
  { name: 'crm_ml_model', label: 'Model', description: 'model version', type: 'string' },
  { name: 'crm_ml_reasons', label: 'Reasons', description: 'why', type: 'text' },
  {
    name: 'crm_ml_churn_risk',
    label: 'Churn risk',
    description: 'band',
    type: 'enumeration',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ],
  },
  { name: 'crm_ml_scored_at', label: 'Scored at', description: 'when', type: 'datetime' },
];

const BATCH_UPDATE = 'POST /crm/v3/objects/:objectType/batch/update';

describe('HubSpot connector: provisioning and write-back', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let ids: string[];

  before(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', ...NO_LIMITS });
    const rows = Array.from({ length: 250 }, (_row, index) => ({ email: `c${index}@example.com` }));
    ids = sandbox.data.createMany('contacts', rows);
    connector = sandboxConnector(sandbox).connector;
  });

  after(async () => {
    await connector.close?.();
    await sandbox.close();
  });

  it('provisions the crm_ml group and fields once; a second run creates nothing', async () => {
    const first = await connector.provisionFields('contacts', FIELDS);
    assert.deepEqual([...first.created].sort(), FIELDS.map((f) => f.name).sort());
    assert.deepEqual(first.existing, []);

    const second = await connector.provisionFields('contacts', FIELDS);
    assert.deepEqual(second.created, []);
    assert.equal(second.existing.length, FIELDS.length);

    const byName = new Map(sandbox.data.listProperties('contacts').map((p) => [p.name, p]));
    assert.equal(byName.get('crm_ml_churn_score')?.fieldType, 'number');
    assert.equal(byName.get('crm_ml_reasons')?.fieldType, 'textarea');
    assert.equal(byName.get('crm_ml_churn_risk')?.fieldType, 'select');
    const options = byName.get('crm_ml_churn_risk')?.options?.map((o) => o.value);
    assert.deepEqual(options, ['low', 'high']);
    assert.equal(byName.get('crm_ml_scored_at')?.type, 'datetime');
    assert.equal(byName.get('crm_ml_model')?.groupName, 'crm_ml');
  });

  it('counts a field created concurrently (409) as existing', async () => {
    const racing: FieldSpec[] = [
      { name: 'crm_ml_segment', label: 'Segment', description: 'segment', type: 'string' },
    ];
    const other = sandboxConnector(sandbox).connector;
    const results = await Promise.all([
      connector.provisionFields('contacts', racing),
      other.provisionFields('contacts', racing),
    ]);
    await other.close?.();
    assert.equal(results.flatMap((r) => r.created).length, 1);
    assert.ok(results.every((r) => r.created.length + r.existing.length === 1));
  });

  it('writes 250 updates in 3 calls and reports 207 failures per record', async () => {
    const failing = [ids[5], ids[150], ids[249]].filter((id) => id !== undefined);
    sandbox.data.failWritesFor('contacts', failing);
    const callsBefore = sandbox.stats.byRoute[BATCH_UPDATE] ?? 0;

    const updates = ids.map((recordId, index) => ({
      recordId,
      values: { crm_ml_churn_score: index / 1000, crm_ml_model: index % 2 === 0 ? 'v1' : null },
    }));
    const outcomes = await connector.write('contacts', updates);

    assert.equal((sandbox.stats.byRoute[BATCH_UPDATE] ?? 0) - callsBefore, 3);
    assert.equal(outcomes.length, 250);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(failed.map((outcome) => outcome.recordId).sort(), [...failing].sort());
    for (const outcome of failed) {
      assert.ok(!outcome.ok);
      assert.equal(outcome.code, 'hubspot_record_not_found');
      assert.equal(outcome.retryable, false);
    }

    const readBack = await connector.fetch('contacts', ids, ['crm_ml_churn_score', 'crm_ml_model']);
    const byId = new Map(readBack.map((record) => [record.id, record.properties]));
    assert.equal(byId.get(ids[7] ?? '')?.['crm_ml_churn_score'], '0.007');
    assert.equal(byId.get(ids[8] ?? '')?.['crm_ml_model'], 'v1');
    assert.equal(byId.get(ids[7] ?? '')?.['crm_ml_model'] ?? null, null);
    for (const id of failing) assert.equal(byId.get(id)?.['crm_ml_churn_score'] ?? null, null);
    sandbox.data.clearWriteFailures();
  });

  it('round-trips unicode, emoji and very long values', async () => {
    const id = ids[0] ?? '';
    const unicode = 'Zoë Ångström — 日本語 テスト 🚀👩🏽‍💻 \u{1F600} «ok»';
    const long = 'x'.repeat(60_000) + '🚀';
    const outcomes = await connector.write('contacts', [
      { recordId: id, values: { crm_ml_model: unicode, crm_ml_reasons: long } },
    ]);
    assert.deepEqual(outcomes, [{ recordId: id, ok: true }]);

    const [record] = await connector.fetch('contacts', [id], ['crm_ml_model', 'crm_ml_reasons']);
    assert.equal(record?.properties['crm_ml_model'], unicode);
    assert.equal(record?.properties['crm_ml_reasons'], long);
  });

  it('writes tiny and huge numbers as plain decimals, and refuses NaN per record', async () => {
    const [a = '', b = '', c = ''] = ids;
    const outcomes = await connector.write('contacts', [
      { recordId: a, values: { crm_ml_churn_score: 1e-7 } },
      { recordId: b, values: { crm_ml_churn_score: 1e21 } },
      { recordId: c, values: { crm_ml_churn_score: Number.NaN } },
    ]);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(
      failed.map((outcome) => outcome.recordId),
      [c],
    );

    const records = await connector.fetch('contacts', [a, b], ['crm_ml_churn_score']);
    const scores = new Map(records.map((r) => [r.id, r.properties['crm_ml_churn_score']]));
    assert.equal(scores.get(a), '0.0000001');
    assert.equal(scores.get(b), '1000000000000000000000');
  });

  it('keeps a write to a missing field queued, and writes the records without it', async () => {
    const [a = '', b = ''] = ids.slice(1);
    const outcomes = await connector.write('contacts', [
      { recordId: a, values: { no_such_field: 'x' } },
      { recordId: b, values: { crm_ml_model: 'without the missing field' } },
    ]);

    const byId = new Map(outcomes.map((outcome) => [outcome.recordId, outcome]));
    assert.deepEqual(byId.get(b), { recordId: b, ok: true });
    const missing = byId.get(a);
    assert.ok(missing !== undefined && !missing.ok, 'the write naming a missing field failed');
    assert.equal(missing.code, 'hubspot_property_missing');
    assert.equal(missing.retryable, true, 'provisioning brings the field back; the value waits');
    assert.match(missing.message, new RegExp(`record ${a}: no_such_field = "x"`));
  });
});
