import assert from 'node:assert/strict';
import type { WriteOutcome } from '../../connector.js';
import { required, runCheck } from '../check-context.js';
import { check } from '../check.js';
import type { ConnectorHarness } from '../connector-harness.js';
import { KIT_FIELDS, KIT_PROPERTIES, KIT_SCORE, LABEL, labelled } from '../kit-fields.js';

/** Checks of `write` (per-record outcomes) and `provisionFields` (idempotent). */
export function registerWriteChecks(harness: ConnectorHarness): void {
  check(
    harness,
    'partial-write',
    'a write where some records fail reports one outcome per update and applies the rest',
    'write reports per-record failures in its outcomes; it never throws for them',
    (t) =>
      runCheck(t, harness, { needs: ['failWritesFor'] }, async ({ crm, connector, objectType }) => {
        const ids = await crm.seed(labelled('partial', 4));
        const failing = ids.filter((_id, index) => index % 2 === 1);
        await required(crm.failWritesFor, 'failWritesFor')(failing);

        const updates = ids.map((recordId) => ({ recordId, values: { [LABEL]: `w-${recordId}` } }));
        const outcomes = await connector.write(objectType, updates);

        assertOneOutcomeEach(outcomes, ids);
        for (const outcome of outcomes) {
          assert.equal(outcome.ok, !failing.includes(outcome.recordId), outcome.recordId);
        }
        const fetched = await connector.fetch(objectType, ids, KIT_PROPERTIES);
        for (const id of ids) {
          const value = fetched.find((record) => record.id === id)?.properties[LABEL];
          if (failing.includes(id)) assert.notEqual(value, `w-${id}`, `failed write ${id} applied`);
          else assert.equal(value, `w-${id}`, `${LABEL} of ${id} read back`);
        }
      }),
  );

  check(
    harness,
    'absent-record-write',
    'a write to a record that does not exist is a per-record failure, not a throw',
    'write throws only when the whole call failed',
    (t) =>
      runCheck(t, harness, { needs: ['absentId'] }, async ({ crm, connector, objectType }) => {
        const [id] = await crm.seed(labelled('present', 1));
        const absent = crm.absentId;
        assert.ok(id !== undefined && absent !== undefined);

        const outcomes = await connector.write(objectType, [
          { recordId: id, values: { [LABEL]: 'written' } },
          { recordId: absent, values: { [LABEL]: 'nowhere' } },
        ]);

        assertOneOutcomeEach(outcomes, [id, absent]);
        assert.equal(outcomes.find((outcome) => outcome.recordId === id)?.ok, true);
        // A record that is not there will not appear by retrying: the outbox would spin on it.
        const missing = outcomes.find((outcome) => outcome.recordId === absent);
        assert.ok(
          missing !== undefined && !missing.ok && !missing.retryable,
          `the write to absent record ${absent} must fail non-retryable, got ${JSON.stringify(missing)}`,
        );
        const [fetched] = await connector.fetch(objectType, [id], [LABEL]);
        assert.equal(fetched?.properties[LABEL], 'written');
      }),
  );

  check(
    harness,
    'invalid-value-write',
    'a value the CRM refuses fails only its record, non-retryable, and the rest are written',
    'write reports per-record failures in its outcomes, also when the CRM refuses a batch whole',
    (t) =>
      runCheck(t, harness, { needs: ['invalidNumber'] }, async ({ crm, connector, objectType }) => {
        await connector.provisionFields(objectType, [KIT_SCORE]);
        const ids = await crm.seed(labelled('refused', 6));
        const bad = ids[2] ?? '';
        const invalid = required(crm.invalidNumber, 'invalidNumber');

        const updates = ids.map((recordId, index) => ({
          recordId,
          values: { [KIT_SCORE.name]: recordId === bad ? invalid : index + 0.5 },
        }));
        const outcomes = await connector.write(objectType, updates);

        assertOneOutcomeEach(outcomes, ids);
        const refused = outcomes.find((outcome) => outcome.recordId === bad);
        // The same value would be refused again: a retryable failure would stay queued for ever.
        assert.ok(
          refused !== undefined && !refused.ok && !refused.retryable,
          `the invalid value of ${bad} must fail non-retryable, got ${JSON.stringify(refused)}`,
        );
        for (const outcome of outcomes) {
          if (outcome.recordId !== bad)
            assert.equal(outcome.ok, true, `write to ${outcome.recordId}`);
        }
        const fetched = await connector.fetch(objectType, ids, [KIT_SCORE.name]);
        ids.forEach((id, index) => {
          if (id === bad) return;
          const value = fetched.find((record) => record.id === id)?.properties[KIT_SCORE.name];
          assert.equal(Number(value), index + 0.5, `${KIT_SCORE.name} of ${id} read back`);
        });
      }),
  );

  check(
    harness,
    'provision-idempotent',
    'provisioning the same fields twice creates nothing the second time',
    'provisionFields is idempotent',
    (t) =>
      runCheck(t, harness, { provision: false }, async ({ connector, objectType }) => {
        const names = KIT_FIELDS.map((field) => field.name);

        const first = await connector.provisionFields(objectType, KIT_FIELDS);
        const second = await connector.provisionFields(objectType, KIT_FIELDS);

        assert.deepEqual([...first.created, ...first.existing].sort(), [...names].sort());
        assert.deepEqual(second.created, [], 'the second call created fields');
        assert.deepEqual([...second.existing].sort(), [...names].sort());
      }),
  );
}

/** Exactly one outcome per update, each failure with a code, a message and `retryable`. */
function assertOneOutcomeEach(outcomes: readonly WriteOutcome[], ids: readonly string[]): void {
  assert.deepEqual(outcomes.map((outcome) => outcome.recordId).sort(), [...ids].sort());
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    assert.match(outcome.code, /^\w+$/, `code of ${outcome.recordId}`);
    assert.ok(outcome.message.length > 0, `message of ${outcome.recordId}`);
    assert.equal(typeof outcome.retryable, 'boolean');
  }
}
