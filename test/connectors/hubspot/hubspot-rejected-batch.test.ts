import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector, FieldSpec, WriteOutcome } from '../../../connectors/connector.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { NO_LIMITS, sandboxConnector } from './hubspot-test-kit.js';

const SCORE = 'crm_ml_churn_score';
const RISK = 'crm_ml_churn_risk';
const FIELDS: FieldSpec[] = [
  { name: SCORE, label: 'Churn score', description: 'p(churn)', type: 'number' },
  {
    name: RISK,
    label: 'Churn risk',
    description: 'band',
    type: 'enumeration',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ],
  },
];

describe('HubSpot connector: a batch rejected whole (400) for bad values', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let ids: string[];

  before(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, accessToken: 't', ...NO_LIMITS });
    const rows = Array.from({ length: 100 }, (_row, index) => ({ email: `r${index}@example.com` }));
    ids = sandbox.data.createMany('contacts', rows);
    connector = sandboxConnector(sandbox).connector;
    await connector.provisionFields('contacts', FIELDS);
  });

  after(async () => {
    await connector.close?.();
    await sandbox.close();
  });

  const callsDuring = async (work: () => Promise<WriteOutcome[]>) => {
    const before = connector.callCounts?.().calls ?? 0;
    const outcomes = await work();
    return { outcomes, calls: (connector.callCounts?.().calls ?? 0) - before };
  };
  const stored = (id: string, name: string): unknown =>
    sandbox.data.get('contacts', id)?.properties[name];

  it('writes the valid records and fails each bad one, naming record, field and value', async () => {
    const bad = new Set([ids[7], ids[50], ids[93]]);
    const updates = ids.map((recordId) => ({
      recordId,
      values: { [SCORE]: bad.has(recordId) ? `not-a-number-${recordId}` : 0.25 },
    }));

    const { outcomes, calls } = await callsDuring(() => connector.write('contacts', updates));

    assert.deepEqual(outcomes.map((outcome) => outcome.recordId).sort(), [...ids].sort());
    const failed = outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(failed.map((outcome) => outcome.recordId).sort(), [...bad].sort());
    for (const outcome of failed) {
      assert.ok(!outcome.ok);
      assert.equal(outcome.code, 'hubspot_validation_failed');
      assert.equal(outcome.retryable, false, 'the same value would be refused again');
      const value = `"not-a-number-${outcome.recordId}"`;
      assert.ok(outcome.message.includes(`record ${outcome.recordId}: ${SCORE} = ${value}`));
      assert.match(outcome.message, /INVALID_DECIMAL/);
    }
    for (const id of ids) {
      if (bad.has(id)) assert.notEqual(stored(id, SCORE), `not-a-number-${id}`);
      else assert.equal(stored(id, SCORE), '0.25', `valid record ${id} written`);
    }
    // Bisecting costs about 2·log2(100) calls per bad record, far fewer than one per record.
    assert.ok(calls > 3 && calls <= 1 + 3 * 2 * 7, `narrowing took ${calls} calls`);
  });

  it('fails the only record carrying the refused field without another call for it', async () => {
    const [odd = '', ...rest] = ids.slice(0, 10);
    const updates = [
      { recordId: odd, values: { [RISK]: 'medium' } },
      ...rest.map((recordId) => ({ recordId, values: { [SCORE]: 0.5 } })),
    ];

    const { outcomes, calls } = await callsDuring(() => connector.write('contacts', updates));

    assert.equal(calls, 2, 'the rejected batch, then the records without the refused field');
    const failed = outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(
      failed.map((outcome) => outcome.recordId),
      [odd],
    );
    assert.match(failed[0]?.ok === false ? failed[0].message : '', /crm_ml_churn_risk = "medium"/);
    for (const id of rest) assert.equal(stored(id, SCORE), '0.5');
  });

  it('writes a later valid value for a record whose earlier value was refused', async () => {
    const id = ids[7] ?? '';
    const outcomes = await connector.write('contacts', [
      { recordId: id, values: { [SCORE]: 0.75 } },
    ]);
    assert.deepEqual(outcomes, [{ recordId: id, ok: true }]);
    assert.equal(stored(id, SCORE), '0.75');
  });

  it('fails every record without more calls when HubSpot lists every value as bad', async () => {
    const batch = ids.slice(20, 60);
    const updates = batch.map((recordId) => ({ recordId, values: { [SCORE]: 'n/a' } }));

    const { outcomes, calls } = await callsDuring(() => connector.write('contacts', updates));

    assert.equal(calls, 1, 'one error listed per input: no need to split the batch');
    assert.equal(outcomes.length, batch.length);
    for (const outcome of outcomes) {
      assert.ok(!outcome.ok && !outcome.retryable, outcome.recordId);
      assert.match(outcome.message, new RegExp(`record ${outcome.recordId}: ${SCORE} = "n/a"`));
      // HubSpot listed 40 problems for the batch; the record's failure carries its own once.
      assert.equal(outcome.message.split('was not a valid number').length - 1, 1, outcome.message);
    }
  });

  it("gives each record HubSpot's message about its own value, not the others'", async () => {
    const batch = ids.slice(60, 63);
    const updates = batch.map((recordId) => ({ recordId, values: { [SCORE]: `x${recordId}` } }));

    const { outcomes, calls } = await callsDuring(() => connector.write('contacts', updates));

    assert.equal(calls, 1);
    for (const outcome of outcomes) {
      assert.ok(!outcome.ok);
      assert.equal(
        outcome.message,
        `HubSpot refused the values of record ${outcome.recordId}: ${SCORE} = "x${outcome.recordId}": ` +
          `x${outcome.recordId} was not a valid number. (INVALID_DECIMAL)`,
      );
    }
  });
});
