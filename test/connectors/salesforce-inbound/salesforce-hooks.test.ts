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

describe('POST /hooks/salesforce', () => {
  let store: Store;
  let server: Server;
  let base = '';
  const woken: string[] = [];
  let failNext = false;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    await store.connections.upsert({
      id: 'sf-main',
      crm: 'salesforce',
      label: 'main',
      settings: {},
    });
    const app = express();
    app.use(
      '/hooks',
      createHooksRouter({
        store,
        salesforce: { orgId: ORG.slice(0, 15), connectionId: 'sf-main', token: 's3cret' },
        onChangesAccepted: (connectionId) => {
          if (failNext) {
            failNext = false;
            throw new Error('queue unavailable');
          }
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

  const pendingIds = async (): Promise<string[]> =>
    (await store.inboundChanges.pending('sf-main')).map((change) => change.recordId);

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

  it('stores the records before it acknowledges, once per notification id', async () => {
    const built = message(ORG, ['0035e00000ZkM3hAAF', '0035e00000ZkM3iAAF']);
    const response = await post(built.body, built.headers);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/xml/);
    assert.equal(await response.text(), outboundAck(true));

    // Stored by the time the ack arrived: nothing is waiting on a timer in memory.
    assert.deepEqual(await pendingIds(), ['0035e00000ZkM3hAAF', '0035e00000ZkM3iAAF']);
    assert.deepEqual(woken.splice(0), ['sf-main']);

    // Salesforce redelivers the same notification ids when it missed the ack.
    assert.equal((await post(built.body, built.headers)).status, 200);
    assert.equal((await pendingIds()).length, 2);
    assert.deepEqual(woken.splice(0), [], 'a redelivery starts nothing');
  });

  it('does not acknowledge a message whose processing could not be queued', async () => {
    const built = message(ORG, ['0035e00000ZkM3mAAF']);
    failNext = true;
    const response = await post(built.body, built.headers);
    assert.equal(response.status, 500);
    assert.match(await response.text(), /soapenv:Server/);
    // Kept for the next pass even so: the store has it.
    assert.ok((await pendingIds()).includes('0035e00000ZkM3mAAF'));
  });

  it('refuses a message of another org with a SOAP fault and 403', async () => {
    const built = message(OTHER_ORG, ['0035e00000ZkM3jAAF']);
    const response = await post(built.body, built.headers);
    assert.equal(response.status, 403);
    const fault = await response.text();
    assert.match(fault, /<soapenv:Fault><faultcode>soapenv:Client<\/faultcode>/);
    assert.match(fault, /org/);
    assert.ok(!(await pendingIds()).some((id) => id === '0035e00000ZkM3jAAF'));
    assert.deepEqual(woken, []);
  });

  it('refuses a wrong token and a body that is not an outbound message', async () => {
    const built = message(ORG, ['0035e00000ZkM3kAAF']);
    assert.equal((await post(built.body, built.headers, 'guess')).status, 403);
    assert.equal((await post('<nope/>', built.headers)).status, 400);
    assert.ok(!(await pendingIds()).includes('0035e00000ZkM3kAAF'));
    assert.deepEqual(woken, []);
  });
});

describe('POST /hooks/salesforce for a connection the store does not have', () => {
  it('refuses each message with 503 and a stable code, and stores nothing', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const app = express();
    const woken: string[] = [];
    const salesforce = { orgId: ORG, connectionId: 'sf-typo', token: 't' };
    app.use(
      '/hooks',
      createHooksRouter({ store, salesforce, onChangesAccepted: (id) => void woken.push(id) }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const built = buildOutboundMessage({
        orgId: ORG,
        objectType: 'Contact',
        instanceUrl: 'http://127.0.0.1:1',
        records: [{ Id: '0035e00000ZkM3hAAF', LastName: 'Doe' }],
      });
      const response = await fetch(`http://127.0.0.1:${port}/hooks/salesforce?token=t`, {
        method: 'POST',
        headers: built.headers,
        body: built.body,
      });
      assert.equal(response.status, 503);
      assert.match(
        await response.text(),
        /salesforce_hook_connection_not_found: CRM_ML_HOOKS_SALESFORCE_CONNECTION names connection 'sf-typo'/,
      );
      assert.deepEqual(await store.inboundChanges.pendingConnections(), []);
      assert.deepEqual(woken, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});

describe('POST /hooks/salesforce without a token configured', () => {
  it('refuses every message with 503 and stores nothing', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const app = express();
    const woken: string[] = [];
    const salesforce = { orgId: ORG, connectionId: 'sf-open' };
    app.use(
      '/hooks',
      createHooksRouter({ store, salesforce, onChangesAccepted: (id) => void woken.push(id) }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const built = buildOutboundMessage({
        orgId: ORG,
        objectType: 'Contact',
        instanceUrl: 'http://127.0.0.1:1',
        records: [{ Id: '0035e00000ZkM3hAAF', LastName: 'Doe' }],
      });
      const response = await fetch(`http://127.0.0.1:${port}/hooks/salesforce`, {
        method: 'POST',
        headers: built.headers,
        body: built.body,
      });
      assert.equal(response.status, 503);
      assert.match(
        await response.text(),
        /salesforce_hook_token_missing.*CRM_ML_HOOKS_SALESFORCE_TOKEN/,
      );
      assert.deepEqual(await store.inboundChanges.pending('sf-open'), []);
      assert.deepEqual(woken, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });
});
