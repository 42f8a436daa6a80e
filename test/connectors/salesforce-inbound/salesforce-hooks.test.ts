import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import express from 'express';

import { buildOutboundMessage } from '../../../connectors/salesforce/sandbox/index.js';
import { outboundAck } from '../../../connectors/salesforce/outbound-message.js';
import { openStore } from '../../../core/store/index.js';
import type { Store } from '../../../core/store/index.js';
import { createHooksRouter } from '../../../core/webhooks/index.js';

const ORG = '00D5e000000KQ2eEAG';
const OTHER_ORG = '00D5e000000ZZZZEAG';

type Call = { connectionId: string; objectType: string; ids: string[] };

describe('POST /hooks/salesforce', () => {
  let store: Store;
  let server: Server;
  let base = '';
  const calls: Call[] = [];

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    const app = express();
    app.use(
      '/hooks',
      createHooksRouter({
        store,
        salesforce: { orgId: ORG.slice(0, 15), connectionId: 'sf-main', token: 's3cret' },
        onRecordsChanged: (connectionId, objectType, ids) => {
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

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  function message(orgId: string, ids: string[]) {
    return buildOutboundMessage({
      orgId,
      objectType: 'Contact',
      instanceUrl: 'http://127.0.0.1:1',
      records: ids.map((Id) => ({ Id, LastName: 'Zoë & Co' })),
    });
  }

  async function post(body: string, headers: Record<string, string>, token = 's3cret') {
    return fetch(`${base}/hooks/salesforce?token=${token}`, { method: 'POST', headers, body });
  }

  it('acknowledges an outbound message and hands its records on, once', async () => {
    const built = message(ORG, ['0035e00000ZkM3hAAF', '0035e00000ZkM3iAAF']);
    const response = await post(built.body, built.headers);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/xml/);
    assert.equal(await response.text(), outboundAck(true));

    // Salesforce redelivers the same notification ids when it missed the ack.
    assert.equal((await post(built.body, built.headers)).status, 200);
    await settle();
    assert.deepEqual(calls.splice(0), [
      {
        connectionId: 'sf-main',
        objectType: 'contacts',
        ids: ['0035e00000ZkM3hAAF', '0035e00000ZkM3iAAF'],
      },
    ]);
  });

  it('refuses a message of another org with a SOAP fault and 403', async () => {
    const built = message(OTHER_ORG, ['0035e00000ZkM3jAAF']);
    const response = await post(built.body, built.headers);
    assert.equal(response.status, 403);
    const fault = await response.text();
    assert.match(fault, /<soapenv:Fault><faultcode>soapenv:Client<\/faultcode>/);
    assert.match(fault, /org/);
    await settle();
    assert.equal(calls.length, 0);
  });

  it('refuses a wrong token and a body that is not an outbound message', async () => {
    const built = message(ORG, ['0035e00000ZkM3kAAF']);
    assert.equal((await post(built.body, built.headers, 'guess')).status, 403);
    assert.equal((await post('<nope/>', built.headers)).status, 400);
    await settle();
    assert.equal(calls.length, 0);
  });
});
