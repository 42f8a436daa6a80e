// First: keeps @salesforce/core's key, alias and log files out of the real home.
import { TEST_HOME } from '../../connectors/salesforce/salesforce-test-kit.js';

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import {
  buildOutboundMessage,
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { defineField } from '../../../connectors/salesforce/sandbox/field-definition.js';
import { createApiStack } from '../../../core/api/create-api-stack.js';
import type { ApiServer } from '../../../core/api/start-api-server.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { createKey } from './api-harness.js';
import { until } from '../../helpers/until.js';

const TOKEN = 'org-token';
const HOOK_TOKEN = 'hook-secret';
// Training churn on the seeded org takes longer than the helper's default wait.
const RUN_WAIT_MS = 90_000;

describe('Salesforce Outbound Messages through the API start incremental rescoring', () => {
  let sandbox: SalesforceSandbox;
  let store: Store;
  let api: ApiServer | null = null;
  let key = '';
  let ids: string[] = [];
  const keyring = createKeyring([encryptionKeyFromBytes(randomBytes(32))]);

  const startStack = (connectionId?: string): Promise<ApiServer> =>
    createApiStack({
      store,
      keyring,
      seed: 5,
      listen: { port: 0 },
      // The CRM is a sandbox on 127.0.0.1.
      allowPrivateCrmUrls: true,
      ...(connectionId === undefined
        ? {}
        : { inbound: { salesforce: { orgId: sandbox.orgId, connectionId, token: HOOK_TOKEN } } }),
      deliveryIntervalMs: 0,
    });

  before(async () => {
    assert.ok(TEST_HOME.length > 0);
    sandbox = await startSalesforceSandbox({ accessToken: TOKEN });
    const data = sandbox.data;
    data.addCustomField('Contact', defineField('Tenure__c', 'double', 'Tenure', { precision: 18 }));
    data.addCustomField('Contact', defineField('Churn__c', 'string', 'Churn', { length: 10 }));
    ids = Array.from({ length: 60 }, (_row, index) =>
      data.create('Contact', {
        LastName: `c${index}`,
        Tenure__c: (index * 7) % 70,
        Churn__c: (index * 7) % 70 < 25 ? 'Yes' : 'No',
      }),
    );
    store = await openStore({ sqlitePath: ':memory:' });
    key = await createKey(store, 'acme', 'admin');
  });

  after(async () => {
    await api?.close();
    await store.close();
    await sandbox.close();
  });

  it('a message for one contact leads to a succeeded run that scores it in the org', async () => {
    // The connection is created through the API, then the hook is configured for it.
    api = await startStack();
    const call = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${api?.url ?? ''}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const created = await call('/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        crm: 'salesforce',
        label: 'Acme org',
        credentials: { instanceUrl: sandbox.url, accessToken: TOKEN },
        plugins: { churn: { target: 'churn', positive: 'Yes', families: ['logistic'] } },
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };
    await api.close();
    api = await startStack(id);

    const changed = ids[7] ?? '';
    sandbox.data.update(changed, { Tenure__c: 1 });
    const message = buildOutboundMessage({
      orgId: sandbox.orgId,
      objectType: 'Contact',
      instanceUrl: sandbox.url,
      records: [{ Id: changed, Tenure__c: 1 }],
    });
    const hook = await fetch(`${api.url}/hooks/salesforce?token=${HOOK_TOKEN}`, {
      method: 'POST',
      headers: message.headers,
      body: message.body,
    });
    assert.equal(hook.status, 200);
    assert.match(await hook.text(), /<Ack>true<\/Ack>/);

    await until(async () => {
      const runs = (await (await call(`/v1/connections/${id}/runs`)).json()) as {
        runs: { status: string }[];
      };
      return runs.runs.some((run) => run.status === 'succeeded');
    }, RUN_WAIT_MS);
    const score = sandbox.data.get(changed)?.values['Crm_Ml_Churn_Score__c'];
    assert.equal(typeof score, 'number', `scored in the org: ${String(score)}`);
    await until(async () => (await store.inboundChanges.pending(id)).length === 0, RUN_WAIT_MS);
  });
});
