import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { FieldSpec, WriteOutcome } from '../../../connectors/connector.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { startSalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';
import { sandboxConnector } from './salesforce-test-kit.js';

const FIELDS: FieldSpec[] = [
  { name: 'crm_ml_churn_score', label: 'Churn score', description: '0-100', type: 'number' },
  {
    name: 'crm_ml_churn_risk',
    label: 'Churn risk',
    description: 'band',
    type: 'enumeration',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High' },
    ],
  },
  { name: 'crm_ml_churn_drivers', label: 'Drivers', description: 'why', type: 'text' },
  { name: 'crm_ml_scored_at', label: 'Scored at', description: 'when', type: 'datetime' },
  { name: 'crm_ml_model_version', label: 'Model', description: 'which', type: 'string' },
];

function byId(outcomes: readonly WriteOutcome[]): Map<string, WriteOutcome> {
  return new Map(outcomes.map((outcome) => [outcome.recordId, outcome]));
}

describe('Salesforce connector: provisioning and write-back', () => {
  it('provisions idempotently, refuses past the field limit and removes fields', async () => {
    const sandbox = await startSalesforceSandbox({ customFieldLimit: 7 });
    try {
      const { connector } = sandboxConnector(sandbox);
      const first = await connector.provisionFields('contacts', FIELDS);
      assert.deepEqual(
        first.created,
        FIELDS.map((field) => field.name),
      );
      const second = await connector.provisionFields('contacts', FIELDS);
      assert.deepEqual(second, { created: [], existing: FIELDS.map((field) => field.name) });
      assert.ok(sandbox.data.schema('Contact')?.field('Crm_Ml_Churn_Score__c'));

      const more = ['a', 'b', 'c'].map((suffix) => ({
        name: `crm_ml_extra_${suffix}`,
        label: suffix,
        description: suffix,
        type: 'string' as const,
      }));
      await assert.rejects(connector.provisionFields('contacts', more), (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'salesforce_field_limit');
        assert.match(error.message, /Contact has 5 custom fields and its limit of 7/);
        return true;
      });

      const removed = await connector.removeFields('contacts', ['crm_ml_churn_risk', 'nope_x']);
      assert.deepEqual(removed, { removed: ['crm_ml_churn_risk'], missing: ['nope_x'] });
      assert.equal(sandbox.data.schema('Contact')?.field('Crm_Ml_Churn_Risk__c'), undefined);
      const again = await connector.provisionFields('contacts', FIELDS);
      assert.deepEqual(again.created, ['crm_ml_churn_risk']);
    } finally {
      await sandbox.close();
    }
  });

  it('reports partial failures per record and applies every success', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const { connector } = sandboxConnector(sandbox);
      await connector.provisionFields('contacts', FIELDS);
      const ids = sandbox.data.createMany(
        'Contact',
        Array.from({ length: 250 }, (_row, index) => ({ LastName: `w${index}` })),
      );
      const [lockedOnce = '', lockedAlways = '', deleted = '', invalid = ''] = ids;
      sandbox.data.failWritesFor([lockedOnce], 'UNABLE_TO_LOCK_ROW', 1);
      sandbox.data.failWritesFor([lockedAlways], 'UNABLE_TO_LOCK_ROW');
      sandbox.data.delete(deleted);
      sandbox.data.addValidationRule('Contact', {
        message: 'Score must be at most 100',
        fields: ['Crm_Ml_Churn_Score__c'],
        rejects: (values) => Number(values['Crm_Ml_Churn_Score__c'] ?? 0) > 100,
      });

      const updates = ids.map((recordId, index) => ({
        recordId,
        values: { crm_ml_churn_score: recordId === invalid ? 500 : index % 100 },
      }));
      const outcomes = byId(await connector.write('contacts', updates));
      assert.equal(outcomes.size, 250);
      assert.deepEqual(outcomes.get(lockedOnce), { recordId: lockedOnce, ok: true });
      assert.equal(outcomes.get(lockedAlways)?.ok, false);
      assert.deepEqual(pick(outcomes.get(lockedAlways)), ['salesforce_record_locked', true]);
      assert.deepEqual(pick(outcomes.get(deleted)), ['salesforce_record_deleted', false]);
      assert.deepEqual(pick(outcomes.get(invalid)), ['salesforce_validation_failed', false]);
      const refused = outcomes.get(invalid);
      assert.match(
        refused?.ok === false ? refused.message : '',
        new RegExp(
          `record ${invalid}: Score must be at most 100 \\(fields Crm_Ml_Churn_Score__c\\)`,
        ),
      );
      const ok = [...outcomes.values()].filter((outcome) => outcome.ok).map((o) => o.recordId);
      assert.equal(ok.length, 247);

      const read = await connector.fetch('contacts', ok, ['crm_ml_churn_score']);
      assert.equal(read.length, 247);
      for (const record of read) {
        const index = ids.indexOf(record.id);
        assert.equal(record.properties['crm_ml_churn_score'], index % 100);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('writes through a Bulk API 2.0 ingest job above the threshold', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const { connector } = sandboxConnector(sandbox, { bulkIngestThreshold: 20 });
      await connector.provisionFields('contacts', FIELDS);
      const ids = sandbox.data.createMany(
        'Contact',
        Array.from({ length: 60 }, (_row, index) => ({ LastName: `b${index}` })),
      );
      const deleted = ids[7] ?? '';
      sandbox.data.delete(deleted);
      const updates = ids.map((recordId, index) => ({
        recordId,
        values: { crm_ml_churn_risk: index % 2 === 0 ? 'high' : 'low', crm_ml_churn_score: 12.5 },
      }));
      const outcomes = byId(await connector.write('contacts', updates));
      assert.equal(outcomes.size, 60);
      assert.equal(outcomes.get(deleted)?.ok, false);
      assert.equal([...outcomes.values()].filter((outcome) => outcome.ok).length, 59);
      assert.ok(Object.keys(sandbox.stats.byRoute).some((route) => route.includes('jobs/ingest')));

      const read = await connector.fetch(
        'contacts',
        [ids[0] ?? '', ids[1] ?? ''],
        ['crm_ml_churn_risk', 'crm_ml_churn_score'],
      );
      const values = read.map((record) => record.properties['crm_ml_churn_risk']).sort();
      assert.deepEqual(values, ['high', 'low']);
      assert.equal(read[0]?.properties['crm_ml_churn_score'], 12.5);
    } finally {
      await sandbox.close();
    }
  });

  it('round-trips dates, datetimes, null, empty, unicode, emoji and long text', async () => {
    const sandbox = await startSalesforceSandbox();
    try {
      const { connector } = sandboxConnector(sandbox);
      await connector.provisionFields('contacts', FIELDS);
      const id = sandbox.data.create('Contact', { LastName: 'Zoë', Birthdate: '1990-12-31' });
      const other = sandbox.data.create('Contact', { LastName: 'Ørsted', Description: '' });
      const long = '長い説明 🚀 '.repeat(3000);

      const outcomes = await connector.write('contacts', [
        {
          recordId: id,
          values: {
            crm_ml_scored_at: '2024-03-31T23:59:59.000Z',
            crm_ml_churn_drivers: long,
            crm_ml_model_version: 'churn v3 — ünïcödé 😀',
          },
        },
        { recordId: other, values: { crm_ml_model_version: null, crm_ml_churn_score: 0 } },
      ]);
      assert.ok(outcomes.every((outcome) => outcome.ok));

      const names = ['crm_ml_scored_at', 'crm_ml_churn_drivers', 'crm_ml_model_version'];
      const read = await connector.fetch(
        'contacts',
        [id, other],
        [...names, 'crm_ml_churn_score', 'Birthdate', 'Description', 'LastName'],
      );
      const first = read.find((record) => record.id === id);
      const second = read.find((record) => record.id === other);
      assert.equal(first?.properties['Birthdate'], '1990-12-31');
      assert.equal(first?.properties['crm_ml_scored_at'], '2024-03-31T23:59:59.000Z');
      assert.equal(first?.properties['crm_ml_churn_drivers'], long);
      assert.equal(first?.properties['crm_ml_model_version'], 'churn v3 — ünïcödé 😀');
      assert.equal(first?.properties['LastName'], 'Zoë');
      assert.equal(second?.properties['crm_ml_model_version'], null);
      assert.equal(second?.properties['crm_ml_churn_score'], 0);
      assert.equal(second?.properties['Birthdate'], null);
    } finally {
      await sandbox.close();
    }
  });
});

function pick(outcome: WriteOutcome | undefined): [string, boolean] | null {
  if (outcome === undefined || outcome.ok) return null;
  return [outcome.code, outcome.retryable];
}
