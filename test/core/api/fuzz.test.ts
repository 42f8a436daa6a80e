import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { test } from 'node:test';

import { loadSpec } from '../../../core/api/load-spec.js';
import { specRoutes } from '../../../core/api/spec-routes.js';
import { createConnection, keyOf, seedChurnScore, startHarness } from './api-harness.js';

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

const STRANGE_JSON: unknown[] = [
  null,
  [],
  {},
  '',
  0,
  true,
  { kind: 'pipeline' },
  { kind: ['sync'] },
  { kind: 'sync', extra: 1 },
  { crm: 'fake', label: '🙂'.repeat(10), credentials: { accessToken: 'pat' }, plugins: {} },
  { crm: 'fake', label: 1, credentials: 'x', plugins: [] },
  { crm: '../../x', label: 'x', credentials: {}, plugins: { 'Bad Id': {} } },
  { url: 'javascript:alert(1)', events: ['run.completed'] },
  { url: 'https://x.example', events: [] },
  { eventId: '' },
  { from: 'yesterday', to: 'today' },
  { __proto__: { admin: true } },
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
];

function rawBodies(random: () => number): { body: string; type: string | undefined } {
  const pick = Math.floor(random() * 8);
  if (pick === 0) return { body: '{"kind":', type: 'application/json' };
  if (pick === 1) return { body: 'x'.repeat(150_000), type: 'application/json' };
  if (pick === 2) return { body: '['.repeat(5_000) + ']'.repeat(5_000), type: 'application/json' };
  if (pick === 3) return { body: '{"kind":"sync"}', type: 'text/plain' };
  if (pick === 4) return { body: '<xml/>', type: 'application/xml' };
  if (pick === 5) return { body: '\u0000\uFFFF\uD800', type: 'application/json; charset=utf-16' };
  const value = STRANGE_JSON[Math.floor(random() * STRANGE_JSON.length)];
  return { body: JSON.stringify(value) ?? 'null', type: 'application/json' };
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
  body: string | undefined,
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

test('10,000 generated requests: no 5xx, errors in the error shape, server alive', async () => {
  const h = await startHarness();
  try {
    const connectionId = await createConnection(h, 'a');
    await seedChurnScore(h.store, connectionId, '1');
    const port = Number(new URL(h.server.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const routes = specRoutes(loadSpec());
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

    const one = async (): Promise<void> => {
      const route = pick(routes);
      const path = route.template.replace(/\{[^}]+\}/g, (name) =>
        name === '{connectionId}' && random() < 0.5
          ? connectionId
          : random() < 0.3
            ? '1'
            : pick(STRANGE_SEGMENTS),
      );
      const query = random() < 0.3 ? `?limit=${pick(['0', '1', '-5', 'abc', '1&limit=2'])}` : '';
      const method = random() < 0.7 ? route.method : pick(methods);
      const headers: Record<string, string> = {};
      const auth = pick(auths);
      if (auth !== undefined) headers['authorization'] = auth;

      let body: string | undefined;
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const raw = rawBodies(random);
        body = raw.body;
        if (raw.type) headers['content-type'] = raw.type;
      }

      const result = await send(agent, port, method, `${path}${query}`, headers, body);
      if (!result) return;
      sent += 1;
      if (result.status >= 500) failures.push(`${method} ${path}: ${result.status} ${result.body}`);
      if (result.status >= 400 && method !== 'HEAD') {
        const parsed = JSON.parse(result.body) as { error?: { code?: unknown; details?: unknown } };
        if (typeof parsed.error?.code !== 'string' || !Array.isArray(parsed.error.details)) {
          failures.push(`${method} ${path}: not the error shape: ${result.body.slice(0, 200)}`);
        }
        if (/\n\s+at /.test(result.body)) failures.push(`${method} ${path}: stack trace`);
      }
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next += 1;
          await one();
        }
      }),
    );
    agent.destroy();

    assert.ok(sent >= REQUESTS * 0.95, `only ${sent} requests could be sent`);
    assert.deepEqual(failures.slice(0, 10), []);
    const health = await h.request('/v1/health');
    assert.equal(health.status, 200);
  } finally {
    await h.close();
  }
});
