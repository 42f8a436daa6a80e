import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { test } from 'node:test';

import { signHubSpotRequestV3 } from '../../../connectors/hubspot/inbound/index.js';
import { buildOutboundMessage } from '../../../connectors/salesforce/sandbox/index.js';
import { loadSpec } from '../../../core/api/load-spec.js';
import { specRoutes } from '../../../core/api/spec-routes.js';
import { openStore } from '../../../core/store/index.js';
import { createHooksRouter } from '../../../core/webhooks/index.js';
import { createConnection, keyOf, seedChurnScore, startHarness } from './api-harness.js';
import { mutate, requestSchema, validValue } from './spec-values.js';

const REQUESTS = 10_000;
const CONCURRENCY = 32;

// A small deterministic generator, so a failure can be reproduced from its seed.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRANGE_SEGMENTS = [
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  '%00',
  '%',
  '%E0%A4%A',
  encodeURIComponent('ü🙂中文'),
  encodeURIComponent("' or 1=1 --"),
  'x'.repeat(5_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '9007199254740993',
  'churn',
  'Churn',
  encodeURIComponent('<script>'),
];

const HUBSPOT_SECRET = 'fuzz-hubspot-app-secret';
const PUBLIC_URL = 'https://crm-ml.example.com';
const SALESFORCE_ORG = '00D5e000000KQ2eEAG';
const SALESFORCE_TOKEN = 'fuzz-token';

/** The routes fuzzed: every operation of the spec, and the inbound CRM webhooks. */
interface FuzzRoute {
  template: string;
  method: string;
}

const HOOK_ROUTES: readonly FuzzRoute[] = [
  { template: '/hooks/hubspot', method: 'POST' },
  { template: '/hooks/salesforce', method: 'POST' },
];

type Body = { body: string | Buffer; type: string | undefined; headers?: Record<string, string> };

/** Raw bodies no schema describes: bad JSON, deep nesting, other media types, bad UTF-8. */
function strangeBody(random: () => number, valid: string): Body {
  const pick = Math.floor(random() * 7);
  if (pick === 0)
    return { body: valid.slice(0, Math.floor(valid.length / 2)), type: 'application/json' };
  if (pick === 1) return { body: `${valid},`, type: 'application/json' };
  if (pick === 2) return { body: '['.repeat(5_000) + ']'.repeat(5_000), type: 'application/json' };
  if (pick === 3) return { body: valid, type: 'text/plain' };
  if (pick === 4) return { body: '<xml/>', type: 'application/xml' };
  if (pick === 5) return { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), type: 'application/json' };
  return { body: '\u0000\uFFFF\uD800', type: 'application/json; charset=utf-16' };
}

/** A body for a spec operation: valid per its schema half the time, else mutated or broken. */
function specBody(spec: Record<string, unknown>, route: FuzzRoute, random: () => number): Body {
  const schema = requestSchema(spec, route.template, route.method);
  const valid = schema ? validValue(spec, schema, random) : {};
  const roll = random();
  if (roll < 0.5) return { body: JSON.stringify(valid), type: 'application/json' };
  if (roll < 0.85) return { body: JSON.stringify(mutate(valid, random)), type: 'application/json' };
  return strangeBody(random, JSON.stringify(valid));
}

/** A HubSpot event batch, signed correctly (now or too long ago) or not, then maybe broken. */
function hubspotBody(random: () => number, eventIds: { next: number }): Body {
  const events = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({
    eventId: (eventIds.next += 1),
    subscriptionType: random() < 0.8 ? 'contact.propertyChange' : 'object.creation',
    objectTypeId: '0-1',
    portalId: random() < 0.8 ? 4242 : 1,
    objectId: Math.floor(random() * 10_000),
    propertyValue: random() < 0.2 ? '中文 🙂' : 'x',
  }));
  const roll = random();
  const body =
    roll < 0.6
      ? JSON.stringify(events)
      : roll < 0.8
        ? JSON.stringify(mutate({ batch: events }, random))
        : strangeBody(random, JSON.stringify(events)).body;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const timestamp = String(random() < 0.9 ? Date.now() : Date.now() - 10 * 60_000);
  const signature =
    random() < 0.7
      ? signHubSpotRequestV3({
          clientSecret: HUBSPOT_SECRET,
          method: 'POST',
          uri: `${PUBLIC_URL}/hooks/hubspot`,
          body: bytes,
          timestamp,
        })
      : 'bm90IGEgc2lnbmF0dXJl';
  const headers: Record<string, string> = {
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': timestamp,
  };
  return { body: bytes, type: 'application/json', headers };
}

/** A Salesforce outbound message of the org (or another), whole or broken. */
function salesforceBody(random: () => number): Body {
  const message = buildOutboundMessage({
    orgId: random() < 0.8 ? SALESFORCE_ORG : '00D5e000000ZZZZEAG',
    objectType: 'Contact',
    instanceUrl: 'http://127.0.0.1:1',
    records: [{ Id: '0035e00000ZkM3hAAF', LastName: random() < 0.3 ? 'Zoë 中文 🙂' : 'Doe' }],
  });
  const roll = random();
  const body =
    roll < 0.6
      ? message.body
      : roll < 0.8
        ? message.body.slice(0, Math.floor(random() * message.body.length))
        : strangeBody(random, message.body).body;
  return { body, type: 'text/xml', headers: message.headers };
}

interface Sent {
  status: number;
  body: string;
  contentType: string | undefined;
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<Sent | undefined> {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            contentType: res.headers['content-type'],
          }),
        );
      });
    } catch {
      // Node refuses to send some malformed paths or headers at all; nothing reached the server.
      resolve(undefined);
      return;
    }
    req.on('error', reject);
    req.end(body);
  });
}

test('10,000 requests generated from the spec and beyond: no 5xx, error shape, alive', async () => {
  const store = await openStore({ sqlitePath: ':memory:' });
  // The Salesforce hook refuses messages for a connection the store does not have.
  await store.connections.upsert({ id: 'sf-fuzz', crm: 'salesforce', label: 'fuzz', settings: {} });
  const hooks = createHooksRouter({
    store,
    hubspot: {
      clientSecret: HUBSPOT_SECRET,
      publicBaseUrl: PUBLIC_URL,
      connectionFor: async (portalId) => (portalId === 4242 ? 'hs-fuzz' : null),
    },
    salesforce: { orgId: SALESFORCE_ORG, connectionId: 'sf-fuzz', token: SALESFORCE_TOKEN },
    onChangesAccepted: () => undefined,
  });
  const h = await startHarness({ store, hooks });
  try {
    const connectionId = await createConnection(h, 'a');
    await seedChurnScore(h.store, connectionId, '1');
    const port = Number(new URL(h.server.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const spec = loadSpec() as unknown as Record<string, unknown>;
    const routes: FuzzRoute[] = [...specRoutes(loadSpec()), ...HOOK_ROUTES, ...HOOK_ROUTES];
    const eventIds = { next: 0 };
    const random = mulberry32(20_250_101);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

    const auths = [
      undefined,
      'Bearer',
      'Bearer nonsense',
      'Basic dXNlcjpwYXNz',
      `Bearer ${keyOf(h, 'a', 'read')}`,
      `Bearer ${keyOf(h, 'a', 'write')}`,
      `Bearer ${keyOf(h, 'a', 'admin')}`,
      `Bearer ${keyOf(h, 'b', 'admin')}`,
      `bearer   ${keyOf(h, 'a', 'admin')}x`,
    ];
    const methods = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'];
    const failures: string[] = [];
    let sent = 0;

    const statuses = new Map<number, number>();
    let hookRequests = 0;
    const one = async (): Promise<boolean> => {
      const route = pick(routes);
      const path = route.template.replace(/\{[^}]+\}/g, (name) =>
        name === '{connectionId}' && random() < 0.5
          ? connectionId
          : random() < 0.3
            ? '1'
            : pick(STRANGE_SEGMENTS),
      );
      const limit = random() < 0.3 ? `?limit=${pick(['0', '1', '-5', 'abc', '1&limit=2'])}` : '';
      // The Salesforce hook refuses messages without its token; most requests carry it.
      const tokened = route.template === '/hooks/salesforce' && random() < 0.8;
      const query = tokened ? `?token=${SALESFORCE_TOKEN}` : limit;
      const method = random() < 0.7 ? route.method : pick(methods);
      const headers: Record<string, string> = {};
      const auth = pick(auths);
      if (auth !== undefined) headers['authorization'] = auth;

      let body: string | Buffer | undefined;
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const generated =
          route.template === '/hooks/hubspot'
            ? hubspotBody(random, eventIds)
            : route.template === '/hooks/salesforce'
              ? salesforceBody(random)
              : specBody(spec, route, random);
        body = generated.body;
        Object.assign(headers, generated.headers ?? {});
        if (generated.type) headers['content-type'] = generated.type;
      }

      const result = await send(agent, port, method, `${path}${query}`, headers, body);
      if (!result) return false;
      sent += 1;
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      if (path.startsWith('/hooks/')) hookRequests += 1;
      if (result.status >= 500) failures.push(`${method} ${path}: ${result.status} ${result.body}`);
      // Salesforce is answered in SOAP, faults included; everything else in the JSON shape.
      const soap = path.startsWith('/hooks/salesforce') && result.status !== 404;
      if (result.status >= 400 && method !== 'HEAD' && !soap) {
        const parsed = JSON.parse(result.body) as { error?: { code?: unknown; details?: unknown } };
        if (typeof parsed.error?.code !== 'string' || !Array.isArray(parsed.error.details)) {
          failures.push(`${method} ${path}: not the error shape: ${result.body.slice(0, 200)}`);
        }
        if (/\n\s+at /.test(result.body)) failures.push(`${method} ${path}: stack trace`);
      }
      return true;
    };

    // Requests Node refuses to send do not count: the loop goes on until REQUESTS were sent.
    let started = 0;
    let attempts = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < REQUESTS && attempts < REQUESTS * 3) {
          started += 1;
          attempts += 1;
          if (!(await one())) started -= 1;
        }
      }),
    );
    agent.destroy();

    assert.equal(sent, REQUESTS, `${sent} requests were sent`);
    assert.ok(hookRequests > REQUESTS / 10, `only ${hookRequests} requests went to /hooks`);
    assert.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) > 500, 'few valid requests');
    assert.ok((statuses.get(400) ?? 0) > 1_000, 'few requests were refused as invalid');
    assert.deepEqual(failures.slice(0, 10), []);
    const health = await h.request('/v1/health');
    assert.equal(health.status, 200);
    assert.ok((await store.inboundChanges.pending('hs-fuzz')).length > 0, 'no signed batch got in');
  } finally {
    await h.close();
    await store.close();
  }
});
