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

/** The v3 recipe, by hand: base64 HMAC-SHA256 of method + URI + body bytes + timestamp. */
function sign(body: string | Buffer, timestamp: number, uri = URI): string {
  const bytes = Buffer.concat([
    Buffer.from(`POST${uri}`),
    Buffer.from(body),
    Buffer.from(`${timestamp}`),
  ]);
  return createHmac('sha256', SECRET).update(bytes).digest('base64');
}

describe('POST /hooks/hubspot', () => {
  let store: Store;
  let server: Server;
  let base = '';
  const woken: string[] = [];

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
        onChangesAccepted: (connectionId) => {
          woken.push(connectionId);
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

  async function post(body: string | Buffer, headers: Record<string, string>): Promise<Response> {
    return fetch(`${base}/hooks/hubspot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  function signed(body: string | Buffer, timestamp = Date.now()): Record<string, string> {
    return {
      'x-hubspot-signature-v3': sign(body, timestamp),
      'x-hubspot-request-timestamp': String(timestamp),
    };
  }

  /** What is stored for the connection, pending a run: `type:id`, oldest first. */
  const stored = async (): Promise<string[]> =>
    (await store.inboundChanges.pending('hs-main')).map((c) => `${c.objectType}:${c.recordId}`);

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

  it('stores the changed records durably before it answers 200', async () => {
    const body = events([10, 501], [11, 502], [12, 77, 'company.creation']);
    const response = await post(body, signed(body));
    assert.equal(response.status, 200);

    // No timer or in-memory hand-off: once HubSpot has its 200, the changes are in the store.
    assert.deepEqual(await stored(), ['contacts:501', 'contacts:502', 'companies:77']);
    assert.deepEqual(woken.splice(0), ['hs-main']);
  });

  it('de-duplicates events by id, within a batch and across deliveries', async () => {
    const before = (await stored()).length;
    const first = events([20, 601], [20, 601], [21, 602]);
    assert.equal((await post(first, signed(first))).status, 200);
    const retry = events([21, 602], [22, 603]);
    assert.equal((await post(retry, signed(retry, Date.now() + 1))).status, 200);
    const again = events([22, 603]);
    assert.equal((await post(again, signed(again, Date.now() + 2))).status, 200);

    assert.deepEqual((await stored()).slice(before), [
      'contacts:601',
      'contacts:602',
      'contacts:603',
    ]);
    assert.deepEqual(woken.splice(0), ['hs-main', 'hs-main'], 'a batch of seen ids starts nothing');
  });

  it('signs the raw bytes: a body that is not valid UTF-8 still verifies', async () => {
    const body = Buffer.concat([
      Buffer.from('[{"eventId":40,"subscriptionType":"contact.propertyChange","objectId":801,'),
      Buffer.from('"portalId":62515,"note":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}]'),
    ]);
    const response = await post(body, signed(body));
    assert.equal(response.status, 200, await response.clone().text());
    assert.ok((await stored()).includes('contacts:801'));
    woken.splice(0);
  });

  it('refuses a tampered body, another URI, an old timestamp and a replay with 401', async () => {
    const before = await stored();
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
    assert.deepEqual(await stored(), before, 'nothing was enqueued for a refused request');
    assert.deepEqual(woken, []);
    const refusal = (await tampered.json()) as { error: { code: string } };
    assert.equal(refusal.error.code, 'hubspot_signature_invalid');

    assert.equal((await post(body, good)).status, 200);
    const replay = await post(body, good);
    assert.equal(replay.status, 401);
    assert.equal(
      ((await replay.json()) as { error: { code: string } }).error.code,
      'hubspot_signature_replayed',
    );

    assert.deepEqual(await stored(), [...before, 'contacts:701'], 'the replay enqueued nothing');
    assert.deepEqual(woken.splice(0), ['hs-main']);
  });

  it('stores the valid events of a batch and reports the malformed one by index and field', async () => {
    const before = await stored();
    const body = JSON.stringify([
      { eventId: 3001, subscriptionType: 'contact.creation', objectId: 3001, portalId: 62515 },
      { eventId: 'bad' },
    ]);
    const response = await post(body, signed(body));
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { rejected: { path: string }[] };
    assert.deepEqual(
      answer.rejected.map((problem) => problem.path),
      ['body[1].subscriptionType'],
    );
    assert.deepEqual(await stored(), [...before, 'contacts:3001']);
    assert.deepEqual(woken.splice(0), ['hs-main']);
  });

  it('rejects an event whose object id is not a number, and stores the others', async () => {
    const before = await stored();
    const body = JSON.stringify([
      { eventId: 3101, subscriptionType: 'contact.creation', objectId: 'abc', portalId: 62515 },
      { eventId: 3102, subscriptionType: 'contact.creation', objectId: '3102', portalId: 62515 },
      { eventId: 3103, subscriptionType: 'contact.creation', objectId: 1.5, portalId: 62515 },
    ]);
    const response = await post(body, signed(body));
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { rejected: { path: string; message: string }[] };
    assert.deepEqual(answer.rejected, [
      { path: 'body[0].objectId', message: 'a HubSpot object id is a whole number' },
      { path: 'body[2].objectId', message: 'a HubSpot object id is a whole number' },
    ]);
    assert.deepEqual(await stored(), [...before, 'contacts:3102']);
    assert.deepEqual(woken.splice(0), ['hs-main']);
  });

  it('answers 400 naming each event when no event of the batch is valid', async () => {
    const body = JSON.stringify([{ eventId: 1 }, { subscriptionType: 'contact.creation' }]);
    const response = await post(body, signed(body));
    assert.equal(response.status, 400);
    const answer = (await response.json()) as {
      error: { code: string; details: { path: string }[] };
    };
    assert.equal(answer.error.code, 'hubspot_webhook_invalid');
    assert.deepEqual(
      answer.error.details.map((problem) => problem.path),
      ['body[0].subscriptionType', 'body[1].eventId'],
    );
  });

  it('answers 400 to a signed body that is not an event batch', async () => {
    const body = '{"not":"a batch"}';
    const response = await post(body, signed(body));
    assert.equal(response.status, 400);
    assert.deepEqual(woken, []);
  });
});
