import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Connector } from '../../../connectors/connector.js';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { claimedWritebackHandler } from '../../../core/jobs/claimed-writeback.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import type { OutboxItem, Store } from '../../../core/store/index.js';
import { withMethods } from '../../../core/jobs/with-methods.js';
import { fieldsToProvision } from '../../../core/writeback/own-fields.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { storeBackends } from '../../helpers/store-backends.js';
import { uniqueConnectionId } from '../store/fixtures.js';

const TOKEN = 'claims-token';
const T1 = '2024-06-01T00:00:00.000Z';
const T2 = '2024-06-02T00:00:00.000Z';
const plugin = createChurnPlugin();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A connector whose first write call waits until `open()`: a slow worker's write in flight. */
interface GatedConnector {
  connector: Connector;
  /** Resolves once the first write call is waiting at the gate. */
  reached: Promise<void>;
  open(): void;
}

function gated(connector: Connector): GatedConnector {
  let open: () => void = () => undefined;
  let arrive: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  let first = true;
  const write: Connector['write'] = async (objectType, updates) => {
    if (first) {
      first = false;
      arrive();
      await gate;
    }
    return connector.write(objectType, updates);
  };
  return { connector: { ...connector, write }, reached, open };
}

function churnItem(connectionId: string, recordId: string, score: number, at: string): OutboxItem {
  return {
    connectionId,
    objectType: 'contacts',
    recordId,
    pluginId: 'churn',
    values: { crm_ml_churn_score: score },
    modelVersion: 1,
    scoredAt: at,
  };
}

for (const backend of storeBackends().filter((b) => b.persistent)) {
  describe(`claimed write-back never leaves a stale value in the CRM (${backend.name})`, () => {
    let sandbox: HubSpotSandbox;
    let storeA: Store;
    let storeB: Store;
    let crm: Connector;

    before(async () => {
      await backend.setup();
      storeA = await backend.open();
      storeB = await backend.open();
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
      crm = createHubSpotConnector({ accessToken: TOKEN, basePath: sandbox.url });
      await crm.provisionFields('contacts', fieldsToProvision([plugin]));
    });

    after(async () => {
      await storeB.close();
      await storeA.close();
      await backend.teardown();
      await sandbox.close();
    });

    /** A worker's write-back job for `connectionId` with its own store and connector. */
    function worker(store: Store, connector: Connector, workerId: string, leaseMs = 60_000) {
      const context = (connectionId: string): PipelineContext => ({
        store,
        connector,
        connectionId,
        plugins: [plugin],
        pluginOptions: {},
        seed: 42,
        now: () => new Date(),
      });
      const handler = claimedWritebackHandler(async (id) => context(id), { workerId, leaseMs });
      return (connectionId: string) =>
        handler({ kind: 'writeback', runId: 'r', connectionId, payload: {} }, () => undefined);
    }

    const score = (id: string): unknown =>
      sandbox.data.get('contacts', id)?.properties['crm_ml_churn_score'];

    test('a fresh entry waits while a stale write of its record is in flight', async () => {
      const conn = uniqueConnectionId();
      const recordId = sandbox.data.create('contacts', { email: 'a@example.com' });
      await storeA.outbox.enqueue([churnItem(conn, recordId, 10, T1)]);

      const slow = gated(crm);
      const jobA = worker(storeA, slow.connector, 'worker-a')(conn);
      await slow.reached;
      await storeA.outbox.enqueue([churnItem(conn, recordId, 20, T2)]);
      const jobB = worker(storeB, crm, 'worker-b')(conn);

      await sleep(300);
      assert.equal(score(recordId), undefined, 'the fresh write waits for the stale one');
      slow.open();
      await Promise.all([jobA, jobB]);

      assert.equal(score(recordId), '20');
      const state = await storeB.outbox.lastWritten(conn, 'contacts', 'churn', [recordId]);
      assert.equal(state.get(recordId)?.scoredAt, T2);
      assert.equal((await storeB.outbox.counts(conn)).pending, 0);
    });

    test('a send outlasting its lease keeps the entries from other workers', async () => {
      const conn = uniqueConnectionId();
      const ids = ['c1', 'c2', 'c3'].map((name) =>
        sandbox.data.create('contacts', { email: `${name}@example.com` }),
      );
      await storeA.outbox.enqueue(ids.map((id) => churnItem(conn, id, 30, T1)));

      const slow = gated(crm);
      const jobA = worker(storeA, slow.connector, 'slow-sender', 200)(conn);
      await slow.reached;
      // Four leases' worth into the send, another worker still finds nothing to claim.
      await sleep(800);
      assert.deepEqual(await storeB.outbox.claim(conn, 'worker-b', 10, 60_000), []);
      const jobB = worker(storeB, crm, 'worker-c')(conn);
      await sleep(400);
      slow.open();
      const [summaryA, summaryB] = (await Promise.all([jobA, jobB])) as { written: number }[];

      assert.equal(summaryA?.written, 3);
      assert.equal(summaryB?.written, 0, 'the other worker wrote none of them');
      assert.equal((await storeB.outbox.counts(conn)).written, 3);
      for (const id of ids) assert.equal(score(id), '30');
    });

    test('a stale write landing after its lease ran out is repaired with the fresh values', async () => {
      const conn = uniqueConnectionId();
      const recordId = sandbox.data.create('contacts', { email: 'b@example.com' });
      await storeA.outbox.enqueue([churnItem(conn, recordId, 10, T1)]);

      // A frozen worker (or one cut off from the store) renews nothing; its write goes on.
      const frozen = {
        ...storeA,
        outbox: withMethods(storeA.outbox, { renewClaims: async () => [] }),
      };
      const stalled = gated(crm);
      const jobA = worker(frozen, stalled.connector, 'stalled', 200)(conn);
      await stalled.reached;
      await storeA.outbox.enqueue([churnItem(conn, recordId, 20, T2)]);
      await sleep(300);
      // The lease is over: another worker writes the fresh values meanwhile.
      await worker(storeB, crm, 'worker-b')(conn);
      assert.equal(score(recordId), '20');

      stalled.open();
      await jobA;
      assert.equal(score(recordId), '20', 'the late stale write was overwritten again');
      const counts = await storeB.outbox.counts(conn);
      assert.deepEqual([counts.pending, counts.written], [0, 3], 'stale, fresh and the repair');
      const state = await storeB.outbox.lastWritten(conn, 'contacts', 'churn', [recordId]);
      assert.equal(state.get(recordId)?.scoredAt, T2);
    });
  });
}
