import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { loadSpec } from '../../../core/api/load-spec.js';
import { specRoutes } from '../../../core/api/spec-routes.js';
import {
  createConnection,
  keyOf,
  seedChurnScore,
  startHarness,
  type Harness,
} from './api-harness.js';

// A valid body for each operation that takes one, so the request reaches the handler.
const BODIES: Readonly<Record<string, unknown>> = {
  createConnection: { crm: 'fake', label: 'x', credentials: { accessToken: 'pat-z' }, plugins: {} },
  startRun: { kind: 'sync' },
  createWebhookSubscription: { url: 'https://a.example/hook', events: ['run.completed'] },
  replayWebhookEvents: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
};

describe('tenant isolation on every route of the spec', () => {
  let h: Harness;
  const victim = { connectionId: '', subscriptionId: '', runId: 0 };

  before(async () => {
    h = await startHarness();
    victim.connectionId = await createConnection(h, 'b');
    await seedChurnScore(h.store, victim.connectionId, '77');
    victim.runId = await h.store.runs.start({
      connectionId: victim.connectionId,
      kind: 'sync',
      startedAt: new Date().toISOString(),
    });
    const subscribed = await h.request('/v1/webhooks', {
      method: 'POST',
      key: keyOf(h, 'b', 'admin'),
      body: JSON.stringify({ url: 'https://b.example/hook', events: ['run.completed'] }),
    });
    victim.subscriptionId = ((await subscribed.json()) as { id: string }).id;
  });
  after(() => h.close());

  const routes = specRoutes(loadSpec()).filter((route) => route.auth.kind === 'apiKey');

  test('the spec has the routes this suite expects to cover', () => {
    assert.ok(routes.length >= 20, `only ${routes.length} routes`);
  });

  for (const route of routes) {
    test(`${route.method} ${route.template}: a's admin key cannot reach b`, async () => {
      const call = async (connectionId: string, subscriptionId: string) => {
        const path = route.template
          .replace('{connectionId}', connectionId)
          .replace('{subscriptionId}', subscriptionId)
          .replace('{runId}', String(victim.runId))
          .replace('{pluginId}', 'churn')
          .replace('{version}', '1')
          .replace('{recordId}', '77');
        const body = BODIES[route.operationId];
        const response = await h.request(path, {
          method: route.method,
          key: keyOf(h, 'a', 'admin'),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, text: await response.text() };
      };
      const real = await call(victim.connectionId, victim.subscriptionId);

      if (
        route.template.includes('{connectionId}') ||
        route.template.includes('{subscriptionId}')
      ) {
        // B's resources must answer exactly like ids that exist nowhere.
        assert.equal(real.status, 404, real.text);
        const missing = await call('con_missing', 'sub_missing');
        const normalise = (text: string): string =>
          text
            .replaceAll(victim.connectionId, 'con_missing')
            .replaceAll(victim.subscriptionId, 'sub_missing');
        assert.equal(normalise(real.text), missing.text);
      } else {
        assert.ok(real.status < 300, `${real.status} ${real.text}`);
        assert.ok(!real.text.includes(victim.connectionId), `leaked b's connection: ${real.text}`);
        assert.ok(!real.text.includes(victim.subscriptionId), `leaked b's webhook: ${real.text}`);
      }
      if (route.operationId === 'replayWebhookEvents') {
        assert.equal(JSON.parse(real.text).requeued, 0);
      }
    });
  }

  test("tenant b's data is intact afterwards", async () => {
    assert.ok(await h.store.connections.get(victim.connectionId));
    const runs = await h.store.runs.list(victim.connectionId, { limit: 10 });
    assert.deepEqual(
      runs.map((run) => run.id),
      [victim.runId],
    );
    const subs = await h.request('/v1/webhooks', { key: keyOf(h, 'b', 'read') });
    assert.match(await subs.text(), new RegExp(victim.subscriptionId));
  });

  test('a webhook of tenant a may not watch a connection of tenant b', async () => {
    const response = await h.request('/v1/webhooks', {
      method: 'POST',
      key: keyOf(h, 'a', 'admin'),
      body: JSON.stringify({
        url: 'https://a.example/hook',
        events: ['run.completed'],
        connectionIds: [victim.connectionId],
      }),
    });
    assert.equal(response.status, 404);
  });
});
