import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { executeWriteback } from '../../../core/writeback/execute-writeback.js';
import { fieldsToProvision } from '../../../core/writeback/own-fields.js';

const CONNECTION = 'retryable-207';
const FIELD = 'crm_ml_churn_score';

describe('write-back: retryable per-record errors in a HubSpot 207', () => {
  let sandbox: HubSpotSandbox;
  let connector: Connector;
  let store: Store;
  let ids: string[];

  before(async () => {
    sandbox = await startHubSpotSandbox({ accessToken: 't' });
    ids = Array.from({ length: 12 }, (_row, index) =>
      sandbox.data.create('contacts', { email: `c${index}@example.com` }),
    );
    connector = createHubSpotConnector({
      accessToken: 't',
      basePath: sandbox.url,
      sleep: async () => undefined,
    });
    await connector.provisionFields('contacts', [
      { name: FIELD, label: 'Churn score', description: 'test', type: 'number' },
      ...fieldsToProvision([]),
    ]);
    store = await openStore({ sqlitePath: ':memory:' });
  });

  after(async () => {
    await store.close();
    await connector.close?.();
    await sandbox.close();
  });

  const context = (): PipelineContext => ({
    store,
    connector,
    connectionId: CONNECTION,
    plugins: [],
    pluginOptions: {},
    seed: 1,
    now: () => new Date(),
  });

  const enqueue = async (score: number): Promise<void> => {
    const scoredAt = new Date().toISOString();
    await store.outbox.enqueue(
      ids.map((recordId) => ({
        connectionId: CONNECTION,
        objectType: 'contacts' as const,
        recordId,
        pluginId: 'churn',
        values: { [FIELD]: score },
        modelVersion: 1,
        scoredAt,
      })),
    );
  };

  const scoreOf = (id: string): unknown => sandbox.data.get('contacts', id)?.properties[FIELD];

  it('retries a record that fails once within the same run and writes it', async () => {
    const flaky = [ids[1] ?? '', ids[7] ?? ''];
    sandbox.data.failWritesFor('contacts', flaky, { transient: true, times: 1 });
    await enqueue(41);

    const summary = await executeWriteback(context());

    assert.equal(summary.written, ids.length);
    assert.equal(summary.failed, 0);
    assert.equal(summary.deferred, 0);
    assert.equal(summary.calls, 2, 'the whole batch, then the two that failed');
    for (const id of ids) assert.equal(String(scoreOf(id)), '41');
    assert.equal((await store.outbox.counts(CONNECTION)).pending ?? 0, 0);
  });

  it('leaves a record that keeps failing queued, and the next run writes it', async () => {
    const stuck = ids[4] ?? '';
    sandbox.data.failWritesFor('contacts', [stuck], { transient: true });
    await enqueue(42);

    const first = await executeWriteback(context());
    assert.equal(first.written, ids.length - 1);
    assert.equal(first.failed, 0, 'a transient failure is never reported as final');
    assert.equal(first.deferred, 1);
    assert.deepEqual(first.failures, []);
    assert.equal(String(scoreOf(stuck)), '41', 'the CRM still holds the old value');
    assert.equal((await store.outbox.counts(CONNECTION)).pending, 1, 'still queued, not lost');

    sandbox.data.clearWriteFailures();
    const second = await executeWriteback(context());
    assert.equal(second.written, 1);
    assert.equal(second.deferred, 0);
    assert.equal(String(scoreOf(stuck)), '42');
    assert.equal((await store.outbox.counts(CONNECTION)).pending ?? 0, 0);
  });

  it('reports progress in outbox entries, ending at the total when all are written', async () => {
    await enqueue(43);
    await store.outbox.enqueue(
      ids.slice(0, 3).map((recordId) => ({
        connectionId: CONNECTION,
        objectType: 'contacts' as const,
        recordId,
        pluginId: 'segments',
        values: { [FIELD]: 43 },
        modelVersion: 1,
        scoredAt: new Date().toISOString(),
      })),
    );
    const calls: [number, number][] = [];

    await executeWriteback(context(), (done, total) => calls.push([done, total]));

    // Two plugins' entries for three records are merged into one update each: 15 entries.
    assert.deepEqual(calls.at(-1), [ids.length + 3, ids.length + 3]);
  });
});
