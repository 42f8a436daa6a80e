import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { ConnectorRegistry } from '../../../connectors/registry.js';
import { InProcessRunStarter } from '../../../core/api/in-process-run-starter.js';
import { startApiServer } from '../../../core/api/start-api-server.js';
import { InProcessRunner } from '../../../core/jobs/in-process-runner.js';
import { createContextResolver } from '../../../core/runtime/context-resolver.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import type { Json } from '../../../plugins/plugin.js';
import {
  createConnection,
  fakeConnector,
  keyOf,
  startHarness,
  type Harness,
} from './api-harness.js';

interface ErrorAnswer {
  status: number;
  code: string;
  paths: string[];
}

describe('connection input the API refuses with a code, never a 500', () => {
  let store: Store;
  let harness: Harness;
  let runner: InProcessRunner;
  let runs: InProcessRunStarter;
  let closeResolver: () => Promise<void>;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    // Runs resolve the stored connection for real, so bad stored settings reach the resolver.
    const connectors = new ConnectorRegistry().register('fake', fakeConnector);
    const keyring = createKeyring([encryptionKeyFromBytes(randomBytes(32))]);
    const plugins = defaultPlugins();
    const resolver = createContextResolver({ store, connectors, plugins, seed: 1, keyring });
    closeResolver = resolver.close;
    runner = new InProcessRunner({ maxAttempts: 1 });
    runs = new InProcessRunStarter({ store, runner, resolve: resolver.resolve });
    harness = await startHarness({ store, runs, keyring });
  });

  after(async () => {
    await harness.close();
    await runs.close();
    await runner.close();
    await closeResolver();
    await store.close();
  });

  const answer = async (response: Response): Promise<ErrorAnswer> => {
    const body = (await response.json()) as {
      error: { code: string; details: { path: string }[] };
    };
    const paths = body.error.details.map((detail) => detail.path);
    return { status: response.status, code: body.error.code, paths };
  };

  const post = (path: string, body: unknown) =>
    harness.request(path, {
      method: 'POST',
      key: keyOf(harness, 'a', 'write'),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const createWith = (plugins: unknown, extra: Record<string, unknown> = {}) =>
    post('/v1/connections', {
      crm: 'fake',
      label: 'input',
      credentials: { accessToken: 'token' },
      plugins,
      ...extra,
    });

  it('checks plugin settings with each plugin’s own options parser', async () => {
    assert.deepEqual(await answer(await createWith({ churn: {} })), {
      status: 400,
      code: 'churn_options_invalid',
      paths: ['plugins.churn.target'],
    });
    assert.deepEqual(await answer(await createWith({ nope: {}, churn: { target: 'churn' } })), {
      status: 400,
      code: 'plugin_unknown',
      paths: ['plugins.nope'],
    });
    assert.deepEqual(await answer(await createWith({ segments: { k: 'four' } })), {
      status: 400,
      code: 'segments_options_invalid',
      paths: ['plugins.segments.k'],
    });
    const fine = await createWith({ churn: { target: 'churn' }, segments: {} });
    assert.equal(fine.status, 201, await fine.clone().text());
  });

  it('answers a run of a connection with bad stored settings with a 4xx and a code', async () => {
    const id = await createConnection(harness, 'a');
    const stored = await store.connections.get(id);
    assert.ok(stored);
    const settings = stored.settings as { [key: string]: Json };
    for (const [plugins, status, code] of [
      [{ nope: {} }, 400, 'plugin_unknown'],
      [{ segments: { k: 'four' } }, 400, 'segments_options_invalid'],
    ] as const) {
      await store.connections.upsert({ ...stored, settings: { ...settings, plugins } });
      const started = await answer(await post(`/v1/connections/${id}/runs`, { kind: 'pipeline' }));
      assert.equal(started.status, status);
      assert.equal(started.code, code);
    }
  });

  it('refuses a NUL character and deep nesting with 400 and where they are', async () => {
    const nul = await answer(
      await post('/v1/connections', {
        crm: 'fake',
        label: 'nul\u0000x',
        credentials: { accessToken: 'token' },
        plugins: {},
      }),
    );
    assert.deepEqual(nul, { status: 400, code: 'body_nul_character', paths: ['/body/label'] });

    // 45,000 levels in 90 KB: deep enough to overflow a recursive walk of the body.
    const deep = `${'['.repeat(45_000)}${']'.repeat(45_000)}`;
    const body = `{"crm":"fake","label":"deep","plugins":{},"credentials":{"a":${deep}}}`;
    const nested = await answer(await post('/v1/connections', body));
    assert.equal(nested.status, 400);
    assert.equal(nested.code, 'body_too_deep');
    assert.match(nested.paths[0] ?? '', /^\/body\/credentials\/a(\/0)+$/);
  });

  it('names the port when another server already holds it', async () => {
    const port = Number(new URL(harness.server.url).port);
    await assert.rejects(
      startApiServer(
        {
          store,
          connectors: new ConnectorRegistry(),
          runs,
          keyring: harness.keyring,
        },
        { port },
      ),
      (error: Error & { code?: string }) =>
        error.code === 'port_in_use' && error.message.includes(String(port)),
    );
  });
});
