import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import type { PropertyValue } from '../../../core/records/crm-record.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { executeWriteback } from '../../../core/writeback/execute-writeback.js';
import { fieldsToProvision } from '../../../core/writeback/own-fields.js';
import type { Plugin } from '../../../plugins/plugin.js';

const CONNECTION = 'refused-400';
const FIELD = 'crm_ml_churn_score';
const OTHER = 'crm_ml_other_score';

describe('write-back: a value HubSpot refuses, in a batch it then rejects whole (400)', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let store: Store;
  let ids: string[];
  let bad: string;

  before(async () => {
    sandbox = await startHubSpotSandbox({ accessToken: 't' });
    ids = Array.from({ length: 30 }, (_row, index) =>
      sandbox.data.create('contacts', { email: `v${index}@example.com` }),
    );
    bad = ids[5] ?? '';
    connector = createHubSpotConnector({
      accessToken: 't',
      basePath: sandbox.url,
      sleep: async () => undefined,
    });
    await connector.provisionFields('contacts', [
      { name: FIELD, label: 'Churn score', description: 'test', type: 'number' },
      { name: OTHER, label: 'Other score', description: 'test', type: 'number' },
      ...fieldsToProvision([]),
    ]);
    store = await openStore({ sqlitePath: ':memory:' });
  });

  after(async () => {
    await store.close();
    await connector.close?.();
    await sandbox.close();
  });

  const context = (plugins: Plugin[] = []): PipelineContext => ({
    store,
    connector,
    connectionId: CONNECTION,
    plugins,
    pluginOptions: {},
    seed: 1,
    now: () => new Date(),
  });

  const enqueue = async (
    recordIds: readonly string[],
    value: (id: string) => PropertyValue,
    plugin = { id: 'churn', field: FIELD },
  ) => {
    const scoredAt = new Date().toISOString();
    await store.outbox.enqueue(
      recordIds.map((recordId) => ({
        connectionId: CONNECTION,
        objectType: 'contacts' as const,
        recordId,
        pluginId: plugin.id,
        values: { [plugin.field]: value(recordId) },
        modelVersion: 1,
        scoredAt,
      })),
    );
  };

  const scoreOf = (id: string, field = FIELD): unknown =>
    sandbox.data.get('contacts', id)?.properties[field];

  it('writes the valid records and fails the bad one with its id, field and message', async () => {
    await enqueue(ids, (id) => (id === bad ? 'notanumber' : 0.3));

    const summary = await executeWriteback(context());

    assert.equal(summary.written, ids.length - 1);
    assert.equal(summary.failed, 1);
    assert.equal(summary.deferred, 0);
    assert.equal(summary.failures.length, 1);
    const [failure] = summary.failures;
    assert.equal(failure?.recordId, bad);
    assert.equal(failure?.code, 'hubspot_validation_failed');
    assert.match(failure?.message ?? '', new RegExp(`record ${bad}: ${FIELD} = "notanumber"`));
    for (const id of ids) {
      assert.equal(scoreOf(id), id === bad ? undefined : '0.3', `score of ${id}`);
    }
    const counts = await store.outbox.counts(CONNECTION);
    assert.equal(counts.pending ?? 0, 0);
    assert.equal(counts.failed, 1);
  });

  it('does not offer the refused entry again on the next run', async () => {
    const before = connector.callCounts?.().calls ?? 0;

    const summary = await executeWriteback(context());

    assert.deepEqual(
      { written: summary.written, failed: summary.failed, calls: summary.calls },
      { written: 0, failed: 0, calls: 0 },
    );
    assert.equal((connector.callCounts?.().calls ?? 0) - before, 0, 'no call to HubSpot');
  });

  it('writes a later valid value for that record, alongside fresh values of the others', async () => {
    await enqueue([bad, ids[0] ?? ''], () => 0.8);

    const summary = await executeWriteback(context());

    assert.equal(summary.written, 2);
    assert.equal(summary.failed, 0);
    assert.equal(summary.calls, 1, 'one batch, no narrowing');
    assert.equal(scoreOf(bad), '0.8');
    assert.equal(scoreOf(ids[0] ?? ''), '0.8');
    const counts = await store.outbox.counts(CONNECTION);
    assert.equal(counts.pending ?? 0, 0);
  });

  it("still writes a record's other plugins' values when one plugin's value is refused", async () => {
    const [mixed = '', clean = ''] = ids.slice(10);
    await enqueue([mixed, clean], () => 0.9);
    await enqueue([mixed, clean], (id) => (id === mixed ? 'x' : 2), { id: 'other', field: OTHER });
    const before = connector.callCounts?.().calls ?? 0;

    const summary = await executeWriteback(context());

    // Every request HubSpot got is counted, those narrowing the refused batch down too.
    const sent = (connector.callCounts?.().calls ?? 0) - before;
    assert.ok(sent > 3, `${sent} calls`);
    assert.equal(summary.calls, sent);
    assert.equal(summary.written, 2);
    assert.equal(summary.failed, 1);
    assert.deepEqual(
      summary.failures.map((failure) => failure.recordId),
      [mixed],
    );
    assert.match(summary.failures[0]?.message ?? '', new RegExp(`${OTHER} = "x"`));
    assert.equal(scoreOf(mixed), '0.9', "churn's value lands without the refused one");
    assert.equal(scoreOf(mixed, OTHER), undefined);
    assert.equal(scoreOf(clean), '0.9');
    assert.equal(scoreOf(clean, OTHER), '2');
    const counts = await store.outbox.counts(CONNECTION);
    assert.equal(counts.pending ?? 0, 0);
    assert.equal(counts.failed, 2, 'the first test refused one entry, this one one more');
  });

  it('fails a value that does not fit its declared field before any call is spent on it', async () => {
    // Only the declaration matters here: write-back never trains or loads a plugin.
    const churn: Plugin = {
      id: 'churn',
      label: 'Churn',
      objectType: 'contacts',
      fields: [{ name: FIELD, label: 'Churn score', description: 'test', type: 'number' }],
      train: () => Promise.reject(new Error('not trained in this test')),
      load: () => Promise.reject(new Error('not loaded in this test')),
    };
    const batch = ids.slice(20, 26);
    const misfit = batch[3] ?? '';
    await enqueue(batch, (id) => (id === misfit ? 'abc' : 0.6));
    const before = connector.callCounts?.().calls ?? 0;

    const summary = await executeWriteback(context([churn]));

    assert.equal((connector.callCounts?.().calls ?? 0) - before, 1, 'one batch call, no narrowing');
    assert.equal(summary.written, batch.length - 1);
    assert.deepEqual(summary.failures, [
      {
        recordId: misfit,
        code: 'writeback_value_invalid',
        message:
          `Plugin churn gave record ${misfit} values its fields cannot hold: ` +
          `${FIELD} (number) = "abc" is not a finite number`,
      },
    ]);
    for (const id of batch) assert.equal(scoreOf(id), id === misfit ? '0.3' : '0.6', id);
  });
});
