import assert from 'node:assert/strict';
import type { PropertyValue } from '../../../core/records/crm-record.js';
import { runCheck, type CheckContext } from '../check-context.js';
import { check } from '../check.js';
import type { ConnectorHarness } from '../connector-harness.js';
import { assertAllWritten, recordWithId } from '../kit-assertions.js';
import { EXTRA, KIT_PROPERTIES, LABEL, NOTE, labelled } from '../kit-fields.js';
import { readAll } from '../read-all.js';
import { LONG_TEXT_LENGTH, UNICODE_SAMPLE, longText } from '../text-samples.js';

const TEXTS = [
  { id: 'unicode', name: 'unicode and emoji', value: () => UNICODE_SAMPLE },
  {
    id: 'long-text',
    name: `a ${LONG_TEXT_LENGTH.toLocaleString('en')}-character text`,
    value: longText,
  },
] as const;

/** Checks that values reach the CRM and come back unchanged, both ways. */
export function registerValueChecks(harness: ConnectorHarness): void {
  for (const text of TEXTS) {
    check(
      harness,
      `${text.id}-write`,
      `${text.name} round-trips through write + fetch`,
      'write stores the values given; fetch reads them back',
      (t) =>
        runCheck(t, harness, {}, async ({ crm, connector, objectType }) => {
          const [id] = await crm.seed(labelled('text', 1));
          assert.ok(id !== undefined);

          const outcomes = await connector.write(objectType, [
            { recordId: id, values: { [NOTE]: text.value() } },
          ]);
          const [fetched] = await connector.fetch(objectType, [id], [NOTE]);

          assertAllWritten(outcomes, [id]);
          assertSameText(fetched?.properties[NOTE], text.value());
        }),
    );

    check(
      harness,
      `${text.id}-read`,
      `${text.name} round-trips through seed + read`,
      'read delivers the CRM values as they are',
      (t) =>
        runCheck(t, harness, {}, async ({ crm, connector, objectType }) => {
          const [id] = await crm.seed([{ [LABEL]: 'text', [NOTE]: text.value(), [EXTRA]: null }]);
          assert.ok(id !== undefined);

          const { records } = await readAll(connector, objectType, null, {
            properties: KIT_PROPERTIES,
          });

          assertSameText(recordWithId(records, id).properties[NOTE], text.value());
        }),
    );
  }

  check(
    harness,
    'blanks-write',
    'null and "" written read back as the CRM stores them; null clears a value',
    'write stores the values given (null clears)',
    (t) =>
      runCheck(t, harness, {}, async (context) => {
        const { crm, connector, objectType } = context;
        const [id] = await crm.seed(labelled('blank', 1));
        assert.ok(id !== undefined);
        const values = { [LABEL]: 'set', [NOTE]: 'set', [EXTRA]: 'set' };
        assertAllWritten(await connector.write(objectType, [{ recordId: id, values }]), [id]);

        const outcomes = await connector.write(objectType, [
          { recordId: id, values: { [LABEL]: '', [EXTRA]: null } },
        ]);
        const [fetched] = await connector.fetch(objectType, [id], KIT_PROPERTIES);

        assertAllWritten(outcomes, [id]);
        assertBlanks(context, fetched?.properties ?? {});
        assert.equal(fetched?.properties[NOTE], 'set', 'a value not written was changed');
      }),
  );

  check(
    harness,
    'blanks-read',
    'null and "" in the CRM are read as the CRM stores them',
    'read delivers the CRM values as they are',
    (t) =>
      runCheck(t, harness, {}, async (context) => {
        const { crm, connector, objectType } = context;
        const [id] = await crm.seed([{ [LABEL]: '', [NOTE]: 'set', [EXTRA]: null }]);
        assert.ok(id !== undefined);

        const { records } = await readAll(connector, objectType, null, {
          properties: KIT_PROPERTIES,
        });

        const { properties } = recordWithId(records, id);
        assertBlanks(context, properties);
        assert.equal(properties[NOTE], 'set');
      }),
  );
}

/** LABEL was set to '' and EXTRA to null: distinct CRMs keep them apart, others merge them. */
function assertBlanks(
  { harness, test }: CheckContext,
  properties: Readonly<Record<string, PropertyValue>>,
): void {
  const label = properties[LABEL];
  const extra = properties[EXTRA];
  test.diagnostic(`'' read back as ${JSON.stringify(label)}, null as ${JSON.stringify(extra)}`);
  if ((harness.blankValues ?? 'distinct') === 'distinct') {
    assert.equal(label, '', `'' read back as ${JSON.stringify(label)}`);
    assert.equal(extra, null, `null read back as ${JSON.stringify(extra)}`);
    return;
  }
  // Merged: the CRM may omit an unset property, or answer '' or null for either.
  const blanks: readonly (PropertyValue | undefined)[] = [undefined, null, ''];
  assert.ok(blanks.includes(label), `'' read back as ${JSON.stringify(label)}`);
  assert.ok(blanks.includes(extra), `null read back as ${JSON.stringify(extra)}`);
}

/** Compares texts without printing 50,000 characters when they differ. */
function assertSameText(actual: PropertyValue | undefined, expected: string): void {
  if (actual === expected) return;
  const text = typeof actual === 'string' ? actual : '';
  let at = 0;
  while (at < Math.min(text.length, expected.length) && text[at] === expected[at]) at += 1;
  assert.fail(
    `text differs at index ${at} (length ${text.length} vs ${expected.length}, ` +
      `type ${typeof actual}): got ${JSON.stringify(text.slice(at, at + 40))}, ` +
      `expected ${JSON.stringify(expected.slice(at, at + 40))}`,
  );
}
