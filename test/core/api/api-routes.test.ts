import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { postgresUrlOrWarn } from '../../helpers/database-url.js';
import { storeBackends } from '../../helpers/store-backends.js';
import { signHubSpotRequestV3 } from '../../../connectors/hubspot/inbound/verify-signature-v3.js';
import {
  createConnection,
  HUBSPOT_CLIENT_SECRET,
  keyOf,
  seedChurnScore,
  startHarness,
  type Harness,
} from './api-harness.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.ok(Array.isArray(body.error.details));
  return body;
}

describe('REST API', () => {
  let h: Harness;
  let connectionId: string;

  before(async () => {
    h = await startHarness();
    connectionId = await createConnection(h, 'a', { hubspotPortalId: 4242 });
    await seedChurnScore(h.store, connectionId, '501');
  });
  after(() => h.close());

  test('health answers without a key', async () => {
    const response = await h.request('/v1/health');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', version: '0.1.0' });
  });

  test('interactive docs are served at /docs', async () => {
    const response = await h.request('/docs/');
    assert.equal(response.status, 200);
    assert.match(await response.text(), /swagger-ui/i);
  });

  test('credentials are encrypted at rest and never returned', async () => {
    const stored = await h.store.connections.get(connectionId);
    const raw = JSON.stringify(stored?.settings);
    assert.doesNotMatch(raw, /pat-a-secret-token/);
    assert.match(raw, /"\$sealed"/);

    const response = await h.request(`/v1/connections/${connectionId}`, {
      key: keyOf(h, 'a', 'read'),
    });
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.doesNotMatch(text, /pat-a-secret-token/);
    assert.equal(JSON.parse(text).hubspotPortalId, 4242);
  });

  test('listing shows the tenant its own connections only', async () => {
    const other = await createConnection(h, 'b');
    const response = await h.request('/v1/connections', { key: keyOf(h, 'a', 'read') });
    const { connections } = (await response.json()) as { connections: { id: string }[] };
    assert.deepEqual(
      connections.map((c) => c.id),
      [connectionId],
    );
    assert.ok(!connections.some((c) => c.id === other));
  });

  test('a portal taken by another tenant is a 409 that names neither it nor the portal', async () => {
    const create = (tenant: string, portal: number) =>
      h.request('/v1/connections', {
        method: 'POST',
        key: keyOf(h, tenant, 'write'),
        body: JSON.stringify({
          crm: 'fake',
          label: 'again',
          credentials: { accessToken: 'pat-x' },
          plugins: {},
          hubspotPortalId: portal,
        }),
      });

    const foreign = await expectError(await create('b', 4242), 409, 'conflict');
    assert.deepEqual(foreign.error, {
      code: 'conflict',
      message: 'hubspotPortalId cannot be used for a new connection',
      details: [{ path: 'hubspotPortalId', message: 'is not available' }],
    });
    // The tenant's own connection may be named.
    const own = await expectError(await create('a', 4242), 409, 'conflict');
    assert.match(
      own.error.message,
      new RegExp(`portal 4242 is already read by connection ${connectionId}`),
    );

    // Two requests for one free portal at once: one connection, one 409, no orphan.
    const before = (await h.store.connections.list()).length;
    const raced = await Promise.all([create('b', 9001), create('b', 9001)]);
    assert.deepEqual(raced.map((response) => response.status).sort(), [201, 409]);
    assert.equal((await h.store.connections.list()).length, before + 1);
  });

  test('testing a connection counts records with the decrypted credentials', async () => {
    const response = await h.request(`/v1/connections/${connectionId}/test`, {
      method: 'POST',
      key: keyOf(h, 'a', 'write'),
    });
    assert.deepEqual(await response.json(), { ok: true, counts: { contacts: 42 }, error: null });

    const failing = await createConnection(h, 'a', {
      credentials: { accessToken: 'pat-x', fail: true },
    });
    const refused = await h.request(`/v1/connections/${failing}/test`, {
      method: 'POST',
      key: keyOf(h, 'a', 'write'),
    });
    const body = (await refused.json()) as { ok: boolean; error: { code: string } };
    assert.equal(body.ok, false);
    assert.equal(body.error.code, 'crm_unauthorized');
  });

  test('bad connector settings and unknown CRMs are 400s naming the field', async () => {
    const write = keyOf(h, 'a', 'write');
    const bad = await h.request('/v1/connections', {
      method: 'POST',
      key: write,
      body: JSON.stringify({ crm: 'fake', label: 'x', credentials: {}, plugins: {} }),
    });
    const body = await expectError(bad, 400, 'connection_settings_invalid');
    assert.equal(body.error.details[0]?.path, 'accessToken');

    const unknown = await h.request('/v1/connections', {
      method: 'POST',
      key: write,
      body: JSON.stringify({ crm: 'dynamics', label: 'x', credentials: {}, plugins: {} }),
    });
    await expectError(unknown, 400, 'connector_unknown');
  });

  test('a run starts with 202 and shows up in the history', async () => {
    const started = await h.request(`/v1/connections/${connectionId}/runs`, {
      method: 'POST',
      key: keyOf(h, 'a', 'write'),
      body: JSON.stringify({ kind: 'score' }),
    });
    assert.equal(started.status, 202);
    const run = (await started.json()) as { id: number; kind: string };
    assert.equal(run.kind, 'score');
    assert.equal(started.headers.get('location'), `/v1/connections/${connectionId}/runs/${run.id}`);

    const one = await h.request(`/v1/connections/${connectionId}/runs/${run.id}`, {
      key: keyOf(h, 'a', 'read'),
    });
    assert.equal(one.status, 200);
    const history = await h.request(`/v1/connections/${connectionId}/runs?limit=5`, {
      key: keyOf(h, 'a', 'read'),
    });
    const { runs } = (await history.json()) as { runs: { id: number }[] };
    assert.ok(runs.some((r) => r.id === run.id));

    const wrongKind = await h.request(`/v1/connections/${connectionId}/runs`, {
      method: 'POST',
      key: keyOf(h, 'a', 'write'),
      body: JSON.stringify({ kind: 'everything' }),
    });
    await expectError(wrongKind, 400, 'invalid_request');
  });

  test('models list their versions, metrics, feature importance and an SVG report', async () => {
    const read = keyOf(h, 'a', 'read');
    const base = `/v1/connections/${connectionId}/models`;
    const list = (await (await h.request(base, { key: read })).json()) as {
      models: { version: number }[];
    };
    assert.equal(list.models[0]?.version, 1);

    const detail = (await (await h.request(`${base}/churn/versions/1`, { key: read })).json()) as {
      featureImportance: { feature: string }[];
      scoredRecords: number;
    };
    assert.equal(detail.featureImportance[0]?.feature, 'contract');
    assert.equal(detail.scoredRecords, 1);

    const report = await h.request(`${base}/churn/versions/1/report`, { key: read });
    assert.equal(report.headers.get('content-type')?.split(';')[0], 'image/svg+xml');
    assert.match(await report.text(), /^<svg/);

    await expectError(
      await h.request(`${base}/churn/versions/9`, { key: read }),
      404,
      'model_not_found',
    );
  });

  test('record scores carry their drivers; a plugin with no score is a 404', async () => {
    const read = keyOf(h, 'a', 'read');
    const base = `/v1/connections/${connectionId}/records/501`;
    const body = (await (await h.request(`${base}/scores`, { key: read })).json()) as {
      scores: { pluginId: string; drivers: string[]; modelVersion: number }[];
    };
    assert.equal(body.scores[0]?.pluginId, 'churn');
    assert.deepEqual(body.scores[0]?.drivers, ['contract Month-to-month ↑', 'tenure 2 ↑']);

    await expectError(await h.request(`${base}/sentiment`, { key: read }), 404, 'score_not_found');
    const unknown = `/v1/connections/${connectionId}/records/nope/scores`;
    await expectError(await h.request(unknown, { key: read }), 404, 'score_not_found');
  });

  test('an empty connection body lists every missing property', async () => {
    const response = await h.request('/v1/connections', {
      method: 'POST',
      key: keyOf(h, 'a', 'write'),
      body: '{}',
    });
    const body = await expectError(response, 400, 'invalid_request');
    const text = JSON.stringify(body.error.details);
    for (const property of ['crm', 'label', 'credentials'])
      assert.match(text, new RegExp(property));
  });

  test('scopes are enforced: read < write < admin', async () => {
    const create = await h.request('/v1/connections', {
      method: 'POST',
      key: keyOf(h, 'a', 'read'),
      body: JSON.stringify({ crm: 'fake', label: 'x', credentials: {}, plugins: {} }),
    });
    await expectError(create, 403, 'forbidden');

    const remove = await h.request(`/v1/connections/${connectionId}`, {
      method: 'DELETE',
      key: keyOf(h, 'a', 'write'),
    });
    await expectError(remove, 403, 'forbidden');
  });

  test('bad keys, unknown routes, bad JSON and huge bodies get the error shape', async () => {
    await expectError(await h.request('/v1/connections'), 401, 'unauthorized');
    await expectError(
      await h.request('/v1/connections', { key: 'crmml_0000000000000000_' + 'A'.repeat(43) }),
      401,
      'unauthorized',
    );
    await expectError(await h.request('/v2/nothing'), 404, 'route_not_found');
    await expectError(await h.request('/v1/health', { method: 'POST' }), 405, 'method_not_allowed');
    // This harness configures no inbound hooks: documented, yet not served.
    const hook = await h.request('/hooks/salesforce', { method: 'POST', body: '<x/>' });
    await expectError(hook, 404, 'route_not_found');
    await expectError(await h.request('/hooks/hubspot'), 405, 'method_not_allowed');

    const write = keyOf(h, 'a', 'write');
    await expectError(
      await h.request('/v1/connections', { method: 'POST', key: write, body: '{"crm":' }),
      400,
      'invalid_json',
    );
    await expectError(
      await h.request('/v1/connections', {
        method: 'POST',
        key: write,
        body: JSON.stringify({ label: 'x'.repeat(300_000) }),
      }),
      413,
      'payload_too_large',
    );
  });

  test('the HubSpot card answers signed requests with the churn score and drivers', async () => {
    const path = '/hubspot/card?portalId=4242&associatedObjectId=501&associatedObjectType=CONTACT';
    const timestamp = String(Date.now());
    const signature = signHubSpotRequestV3({
      clientSecret: HUBSPOT_CLIENT_SECRET,
      method: 'GET',
      uri: `https://crm-ml.example${path}`,
      body: '',
      timestamp,
    });
    const headers = {
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    };

    const response = await h.request(path, { headers });
    assert.equal(response.status, 200);
    const card = (await response.json()) as {
      results: { objectId: number; properties: { label: string; value: unknown }[] }[];
    };
    assert.equal(card.results[0]?.objectId, 501);
    const values = Object.fromEntries(
      card.results[0]?.properties.map((p) => [p.label, p.value]) ?? [],
    );
    assert.equal(values['Churn score'], 73);
    assert.equal(values['Drivers'], 'contract Month-to-month ↑, tenure 2 ↑');

    const forged = await h.request(path.replace('501', '502'), { headers });
    await expectError(forged, 401, 'hubspot_signature_invalid');
  });

  test('deleting a connection removes it and its ownership, but not while it runs', async () => {
    const doomed = await createConnection(h, 'a');
    const startedAt = new Date().toISOString();
    const run = await h.store.runs.start({ connectionId: doomed, kind: 'pipeline', startedAt });
    const refused = await h.request(`/v1/connections/${doomed}`, {
      method: 'DELETE',
      key: keyOf(h, 'a', 'admin'),
    });
    await expectError(refused, 409, 'run_in_progress');
    assert.notEqual(await h.store.connections.get(doomed), null);
    const finishedAt = new Date().toISOString();
    await h.store.runs.finish(run, { status: 'succeeded', summary: {}, finishedAt });

    const response = await h.request(`/v1/connections/${doomed}`, {
      method: 'DELETE',
      key: keyOf(h, 'a', 'admin'),
    });
    assert.equal(response.status, 204);
    assert.equal(await h.store.connections.get(doomed), null);
    assert.equal(await h.store.tenants.ownerOf(doomed), null);
  });
});

describe('rate limiting', () => {
  test('each key gets its own budget; the excess is a 429 in the error shape', async () => {
    const h = await startHarness({ rateLimit: { windowMs: 60_000, limit: 3 } });
    try {
      const a = keyOf(h, 'a', 'read');
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push((await h.request('/v1/connections', { key: a })).status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      await expectError(await h.request('/v1/connections', { key: a }), 429, 'rate_limited');
      const b = await h.request('/v1/connections', { key: keyOf(h, 'b', 'read') });
      assert.equal(b.status, 200);
    } finally {
      await h.close();
    }
  });
});

describe('on PostgreSQL', () => {
  const backend = storeBackends().find((candidate) => candidate.name === 'PostgreSQL');
  const url = postgresUrlOrWarn('REST API');

  test(
    'connections, scores and tenant isolation work the same',
    { skip: !url || !backend },
    async () => {
      if (!backend) return;
      await backend.setup();
      const store = await backend.open();
      const h = await startHarness({ store });
      try {
        const id = await createConnection(h, 'a');
        await seedChurnScore(store, id, '9');
        const own = await h.request(`/v1/connections/${id}/records/9/scores`, {
          key: keyOf(h, 'a', 'read'),
        });
        assert.equal(own.status, 200);
        const other = await h.request(`/v1/connections/${id}/records/9/scores`, {
          key: keyOf(h, 'b', 'admin'),
        });
        await expectError(other, 404, 'connection_not_found');
      } finally {
        await h.close();
        await store.close();
        await backend.teardown();
      }
    },
  );
});
