import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { defaultConnectors } from '../../../core/runtime/default-registries.js';
import { assertCrmUrlsAllowed } from '../../../core/security/crm-url-guard.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { keyOf, startHarness, type Harness } from './api-harness.js';

const SECRET_BODY = JSON.stringify({ message: 'INTERNAL SECRET: db_password=hunter2' });

describe('CRM base URLs of API connections', () => {
  let store: Store;
  let internal: Server;
  let internalUrl = '';
  let requests = 0;
  let strict: Harness;
  let lenient: Harness;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    // An internal service that answers every call with a secret in its error body.
    internal = createServer((_req, res) => {
      requests += 1;
      res.writeHead(403, { 'content-type': 'application/json' }).end(SECRET_BODY);
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    const connectors = defaultConnectors();
    strict = await startHarness({ store, connectors, allowPrivateCrmUrls: false });
    lenient = await startHarness({
      store,
      connectors,
      keyring: strict.keyring,
      allowPrivateCrmUrls: true,
    });
  });

  after(async () => {
    await strict.close();
    await lenient.close();
    await new Promise((resolve) => internal.close(resolve));
    await store.close();
  });

  const create = (harness: Harness, crm: string, credentials: Record<string, unknown>) =>
    harness.request('/v1/connections', {
      method: 'POST',
      key: keyOf(harness, 'a', 'write'),
      body: JSON.stringify({ crm, label: 'ssrf', credentials, plugins: {} }),
    });

  const refusal = async (response: Response) => {
    assert.equal(response.status, 400);
    return ((await response.json()) as { error: { code: string; details: { path: string }[] } })
      .error;
  };

  it('refuses loopback, metadata and non-http base URLs when the connection is created', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['hubspot', { accessToken: 't', basePath: internalUrl }, 'credentials.basePath'],
      ['hubspot', { accessToken: 't', basePath: 'http://169.254.169.254' }, 'credentials.basePath'],
      ['hubspot', { accessToken: 't', basePath: 'ftp://example.com' }, 'credentials.basePath'],
      [
        'salesforce',
        { accessToken: 't', instanceUrl: 'http://localhost:1' },
        'credentials.instanceUrl',
      ],
      [
        'salesforce',
        {
          instanceUrl: 'https://93.184.215.14',
          refresh: {
            clientId: 'c',
            clientSecret: 's',
            refreshToken: 'r',
            loginUrl: 'http://[::1]',
          },
        },
        'credentials.refresh.loginUrl',
      ],
    ];
    for (const [crm, credentials, path] of cases) {
      const error = await refusal(await create(strict, crm, credentials));
      assert.equal(error.code, 'crm_url_forbidden', JSON.stringify(credentials));
      assert.deepEqual(
        error.details.map((detail) => detail.path),
        [path],
      );
    }
    assert.equal(requests, 0);
  });

  it('checks again at connect time and never shows the CRM answer to the tenant', async () => {
    // Created while private hosts were allowed (a local sandbox, or a DNS answer that changed).
    const created = await create(lenient, 'hubspot', { accessToken: 't', basePath: internalUrl });
    assert.equal(created.status, 201, await created.clone().text());
    const { id } = (await created.json()) as { id: string };

    const test = (harness: Harness) =>
      harness.request(`/v1/connections/${id}/test`, {
        method: 'POST',
        key: keyOf(harness, 'a', 'write'),
      });
    const refusedText = await (await test(strict)).text();
    const refused = JSON.parse(refusedText) as { ok: boolean; error: { code: string } };
    assert.equal(refused.ok, false, refusedText);
    assert.equal(refused.ok, false);
    assert.equal(refused.error.code, 'crm_url_forbidden');
    assert.equal(requests, 0, 'nothing was sent to the internal address');

    const answered = await (await test(lenient)).text();
    assert.ok(requests > 0, 'the allowed test did call the server');
    assert.match(answered, /"code":"hubspot_forbidden"/);
    assert.doesNotMatch(answered, /SECRET|hunter2/);
  });

  it('refuses a public-looking name that resolves to a private address', async () => {
    const resolveHost = async () => ['10.0.0.7'];
    await assert.rejects(
      assertCrmUrlsAllowed(
        { basePath: 'https://crm.example.com' },
        { allowPrivate: false, resolveHost },
      ),
      (error: Error & { code?: string }) =>
        error.code === 'crm_url_forbidden' && /resolves to 10\.0\.0\.7/.test(error.message),
    );
    await assertCrmUrlsAllowed(
      { basePath: 'https://crm.example.com' },
      { allowPrivate: false, resolveHost: async () => ['93.184.215.14'] },
    );
  });
});
