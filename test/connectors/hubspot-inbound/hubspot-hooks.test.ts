import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import express from 'express';

import { signHubSpotRequestV3 } from '../../../connectors/hubspot/inbound/verify-signature-v3.js';
import { openStore } from '../../../core/store/index.js';
import type { Store } from '../../../core/store/index.js';
import { createHooksRouter } from '../../../core/webhooks/index.js';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const PUBLIC = 'https://crm-ml.example.com';
const URI = `${PUBLIC}/hooks/hubspot`;

type Call = { connectionId: string; objectType: string; ids: string[] };

function events(...ids: Array<[eventId: number, objectId: number, type?: string]>): string {
  return JSON.stringify(
    ids.map(([eventId, objectId, type]) => ({
      eventId,
      subscriptionType: type ?? 'contact.propertyChange',
      objectId,
      portalId: 62515,
      occurredAt: 1_700_000_000_000,
    })),
  );
}

/** The v3 recipe, by hand: base64 HMAC-SHA256 of method + URI + body + timestamp. */
function sign(body: string, timestamp: number, uri = URI): string {
  return createHmac('sha256', SECRET).update(`POST${uri}${body}${timestamp}`).digest('base64');
}

describe('POST /hooks/hubspot', () => {
  let store: Store;
  let server: Server;
  let base = '';
  const calls: Call[] = [];
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    const app = express();
    app.use(
      '/hooks',
      createHooksRouter({
        store,
        hubspot: {
          clientSecret: SECRET,
          publicBaseUrl: `${PUBLIC}/`,
          connectionFor: async () => 'hs-main',
        },
        onRecordsChanged: async (connectionId, objectType, ids) => {
          await gate;
          calls.push({ connectionId, objectType, ids });
        },
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  async function post(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${base}/hooks/hubspot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  function signed(body: string, timestamp = Date.now()): Record<string, string> {
    return {
      'x-hubspot-signature-v3': sign(body, timestamp),
      'x-hubspot-request-timestamp': String(timestamp),
    };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('matches a known-answer vector computed from the documented recipe', () => {
    const body = events([1, 123]);
    const expected = '9+dD4jo32iNdvk2s9XtLFnB4byNsIWn8UT8lc8EHZFs=';
    const timestamp = '1700000000000';
    const vector = JSON.stringify([
      {
        eventId: 1,
        subscriptionType: 'contact.propertyChange',
        objectId: 123,
        portalId: 62515,
        occurredAt: 1_700_000_000_000,
      },
    ]);
    assert.equal(body, vector);
    assert.equal(sign(vector, Number(timestamp)), expected);
    assert.equal(
      signHubSpotRequestV3({ clientSecret: SECRET, method: 'POST', uri: URI, body, timestamp }),
      expected,
    );
  });

  it('acknowledges before the work is done, then hands the records on', async () => {
    let open: () => void = () => {};
    gate = new Promise((resolve) => (open = resolve));
    release = open;

    const body = events([10, 501], [11, 502], [12, 77, 'company.creation']);
    const response = await post(body, signed(body));
    assert.equal(response.status, 200);
    await settle();
    assert.equal(calls.length, 0, 'nothing handed on while the handler is still busy');

    release();
    await settle();
    assert.deepEqual(calls.splice(0), [
      { connectionId: 'hs-main', objectType: 'contacts', ids: ['501', '502'] },
      { connectionId: 'hs-main', objectType: 'companies', ids: ['77'] },
    ]);
  });

  it('de-duplicates events by id, within a batch and across deliveries', async () => {
    const first = events([20, 601], [20, 601], [21, 602]);
    assert.equal((await post(first, signed(first))).status, 200);
    await settle();
    const retry = events([21, 602], [22, 603]);
    assert.equal((await post(retry, signed(retry, Date.now() + 1))).status, 200);
    await settle();

    assert.deepEqual(
      calls.splice(0).map((call) => call.ids),
      [['601', '602'], ['603']],
    );
  });

  it('refuses a tampered body, another URI, an old timestamp and a replay with 401', async () => {
    const body = events([30, 701]);
    const now = Date.now();
    const good = signed(body, now);

    const tampered = await post(events([30, 702]), good);
    const otherUri = await post(body, {
      ...good,
      'x-hubspot-signature-v3': sign(body, now, `${PUBLIC}/hooks/other`),
    });
    const old = await post(body, signed(body, now - 5 * 60_000 - 1_000));
    const missing = await post(body, {});
    assert.deepEqual(
      [tampered.status, otherUri.status, old.status, missing.status],
      [401, 401, 401, 401],
    );
    const refusal = (await tampered.json()) as { error: { code: string } };
    assert.equal(refusal.error.code, 'hubspot_signature_invalid');

    assert.equal((await post(body, good)).status, 200);
    const replay = await post(body, good);
    assert.equal(replay.status, 401);
    assert.equal(
      ((await replay.json()) as { error: { code: string } }).error.code,
      'hubspot_signature_replayed',
    );

    await settle();
    assert.deepEqual(
      calls.splice(0).map((call) => call.ids),
      [['701']],
    );
  });

  it('answers 400 to a signed body that is not an event batch', async () => {
    const body = '{"not":"a batch"}';
    const response = await post(body, signed(body));
    assert.equal(response.status, 400);
    await settle();
    assert.equal(calls.length, 0);
  });
});
