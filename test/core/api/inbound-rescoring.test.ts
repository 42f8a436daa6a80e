import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signHubSpotRequestV3 } from '../../../connectors/hubspot/inbound/index.js';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { createApiStack } from '../../../core/api/create-api-stack.js';
import type { ApiServer } from '../../../core/api/start-api-server.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { createKey } from './api-harness.js';
import { until } from '../../helpers/until.js';

const SECRET = 'hubspot-app-secret';
const PUBLIC_URL = 'https://crm-ml.example.com';
const PORTAL = 4242;

describe('HubSpot webhooks through the API start rescoring of their records (in-process)', () => {
  let sandbox: HubSpotSandbox;
  let store: Store;
  let api: ApiServer;
  let key: string;
  let connectionId = '';
  const keyring = createKeyring([encryptionKeyFromBytes(randomBytes(32))]);

  const startStack = (): Promise<ApiServer> =>
    createApiStack({
      store,
      keyring,
      seed: 5,
      listen: { port: 0 },
      // The CRM is a sandbox on 127.0.0.1.
      allowPrivateCrmUrls: true,
      inbound: { hubspot: { clientSecret: SECRET, publicBaseUrl: PUBLIC_URL } },
      deliveryIntervalMs: 0,
    });

  before(async () => {
    sandbox = await startHubSpotSandbox({ accessToken: 'portal-token' });
    await seedFromCsv(sandbox, 'contacts', TELCO_SEED_PATH);
    store = await openStore({ sqlitePath: ':memory:' });
    api = await startStack();
    key = await createKey(store, 'acme', 'admin');
  });

  after(async () => {
    await api.close();
    await store.close();
    await sandbox.close();
  });

  // HubSpot signs the URL it was given, the body and the timestamp (v3).
  const postEvents = (events: Record<string, unknown>[]): Promise<Response> => {
    const body = JSON.stringify(events);
    const timestamp = String(Date.now());
    const uri = `${PUBLIC_URL}/hooks/hubspot`;
    const signature = signHubSpotRequestV3({
      clientSecret: SECRET,
      method: 'POST',
      uri,
      body,
      timestamp,
    });
    return fetch(`${api.url}/hooks/hubspot`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
      },
    });
  };

  const call = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${api.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });

  it('routes a signed event to the portal’s connection, which runs and rescores it', async () => {
    const created = await call('/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        crm: 'hubspot',
        label: 'Acme portal',
        credentials: { accessToken: 'portal-token', basePath: sandbox.url },
        plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
        hubspotPortalId: PORTAL,
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };

    const hook = await postEvents([
      { eventId: 1, subscriptionType: 'contact.propertyChange', portalId: PORTAL, objectId: 7 },
    ]);
    assert.equal(hook.status, 200);

    await until(async () => {
      const runs = (await (await call(`/v1/connections/${id}/runs`)).json()) as {
        runs: { status: string }[];
      };
      return runs.runs.some((run) => run.status === 'succeeded');
    });
    const record = sandbox.data.get('contacts', '7');
    assert.match(String(record?.properties['crm_ml_churn_score']), /^\d+$/);
    await until(async () => (await store.inboundChanges.pending(id)).length === 0);
    connectionId = id;
  });

  it('reads only the records a webhook names, and ignores echoes of its own writes', async () => {
    const runsBefore = (await store.runs.list(connectionId, { limit: 100 })).length;
    const contact = sandbox.data.get('contacts', '9');
    const tenure = Object.keys(contact?.properties ?? {}).find((name) => /tenure/i.test(name));
    assert.ok(tenure !== undefined, 'the seeded contacts have a tenure property');
    sandbox.data.update('contacts', '9', { [tenure]: '71' });
    const requestsBefore = sandbox.stats.requests;

    const own = { subscriptionType: 'contact.propertyChange', portalId: PORTAL, objectId: 10 };
    const hook = await postEvents([
      { eventId: 20, subscriptionType: 'contact.propertyChange', portalId: PORTAL, objectId: 9 },
      { ...own, eventId: 21, propertyName: 'crm_ml_churn_score' },
      { ...own, eventId: 22, appId: 77, changeSource: 'INTEGRATION', sourceId: 77 },
    ]);
    assert.equal(hook.status, 200);

    await until(async () => {
      const runs = await store.runs.list(connectionId, { limit: 100 });
      return runs.length > runsBefore && runs[0]?.status === 'succeeded';
    });
    const [run] = await store.runs.list(connectionId, { limit: 1 });
    const summary = run?.summary as {
      sync: { mode: string; read: number; updated: number }[];
      score: { scored: number }[];
    };
    // Contact 10's two events are echoes of our own writes: only contact 9 is read.
    assert.deepEqual(
      summary.sync.map(({ mode, read, updated }) => ({ mode, read, updated })),
      [{ mode: 'changes', read: 1, updated: 1 }],
    );
    assert.equal(summary.score[0]?.scored, 1);
    // Properties, one batch read, its associations, a count, one write and its read-back: a
    // handful of calls, where an incremental sync would page through every written record.
    const calls = sandbox.stats.requests - requestsBefore;
    assert.ok(calls <= 12, `${calls} CRM calls for one changed record`);
  });

  it('runs changes stored before a crash when the API starts again', async () => {
    await api.close();
    // What a crash right after the 200 leaves behind: the change stored, nothing run yet.
    const now = new Date();
    const change = {
      deliveryId: '99',
      connectionId,
      objectType: 'contacts',
      recordId: '8',
    } as const;
    await store.inboundChanges.accept(
      'hubspot-event',
      [change],
      now.toISOString(),
      new Date(now.getTime() + 86_400_000).toISOString(),
    );
    const runsBefore = (await store.runs.list(connectionId, { limit: 100 })).length;

    api = await startStack();
    await until(async () => (await store.inboundChanges.pending(connectionId)).length === 0);
    const runs = await store.runs.list(connectionId, { limit: 100 });
    assert.equal(runs.length, runsBefore + 1, 'one run for the stored change');
    assert.equal(runs[0]?.status, 'succeeded');
  });
});
