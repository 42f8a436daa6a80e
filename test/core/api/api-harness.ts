import { randomBytes } from 'node:crypto';

import type { Connector } from '../../../connectors/connector.js';
import { ConnectorRegistry } from '../../../connectors/registry.js';
import type { ApiOptions } from '../../../core/api/create-api-app.js';
import { InProcessRunStarter } from '../../../core/api/in-process-run-starter.js';
import { startApiServer, type ApiServer } from '../../../core/api/start-api-server.js';
import type { WebhookService } from '../../../core/api/webhook-service.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { InProcessRunner } from '../../../core/jobs/in-process-runner.js';
import type { PipelineContext } from '../../../core/pipeline/pipeline-context.js';
import type { ApiScope } from '../../../core/security/api-scope.js';
import { generateApiKey } from '../../../core/security/api-key-token.js';
import {
  createKeyring,
  encryptionKeyFromBytes,
  type EncryptionKeyring,
} from '../../../core/security/encryption-keyring.js';
import { openStore, type Store } from '../../../core/store/index.js';
import { WebhookService as StoreWebhookService } from '../../../core/webhooks/webhook-service.js';
import type { Json } from '../../../plugins/plugin.js';

/** A connector that never leaves the process: `count` answers 42, or fails on demand. */
export function fakeConnector(settings: Json): Connector {
  const options = settings as { accessToken?: unknown; fail?: unknown };
  if (typeof options.accessToken !== 'string') {
    throw new CrmMlError('connection_settings_invalid', 'fake settings need an accessToken', {
      details: [{ path: 'accessToken', message: 'Required' }],
    });
  }
  const unsupported = (): never => {
    throw new CrmMlError('fake_unsupported', 'the fake connector only counts');
  };
  return {
    descriptor: {
      id: 'fake',
      label: 'Fake CRM',
      objectTypes: ['contacts'],
      readPageSize: 100,
      writeBatchSize: 100,
      cursorField: 'updated',
    },
    read: unsupported,
    async count() {
      if (options.fail === true) {
        throw new CrmMlError('crm_unauthorized', 'the CRM refused the token', { retryable: false });
      }
      return 42;
    },
    provisionFields: unsupported,
    write: unsupported,
    fetch: unsupported,
  };
}

/** A runner whose stages finish at once with empty summaries. */
function quickRunner(): InProcessRunner {
  const runner = new InProcessRunner({ maxAttempts: 1 });
  runner.register('sync', async () => []);
  runner.register('provision', async () => ({ created: [], existing: [] }));
  runner.register('train', async () => []);
  runner.register('score', async () => []);
  runner.register('writeback', async () => ({
    written: 0,
    failed: 0,
    calls: 0,
    sample: [],
    queued: 0,
  }));
  return runner;
}

export interface Harness {
  store: Store;
  server: ApiServer;
  keyring: EncryptionKeyring;
  /** `tenant:scope` → bearer token. */
  keys: Map<string, string>;
  request(path: string, init?: RequestInit & { key?: string }): Promise<Response>;
  close(): Promise<void>;
}

export const HUBSPOT_CLIENT_SECRET = 'card-secret-for-tests';

/** Makes a key for a tenant and scope and returns its token. */
export async function createKey(store: Store, tenantId: string, scope: ApiScope): Promise<string> {
  await store.tenants.ensure(tenantId);
  const key = generateApiKey();
  await store.apiKeys.create({ id: key.id, tenantId, scope, hash: key.hash, label: 'test' });
  return key.token;
}

/** Starts the API on an ephemeral port over a fresh store, with keys for tenants a and b. */
export async function startHarness(
  overrides: Partial<ApiOptions> & { store?: Store } = {},
): Promise<Harness> {
  const store = overrides.store ?? (await openStore({ sqlitePath: ':memory:' }));
  const keyring = overrides.keyring ?? createKeyring([encryptionKeyFromBytes(randomBytes(32))]);
  const connectors = new ConnectorRegistry().register('fake', fakeConnector);
  const runner = quickRunner();
  const resolve = async (connectionId: string): Promise<PipelineContext> => ({
    store,
    connector: fakeConnector({ accessToken: 'x' }),
    connectionId,
    plugins: [],
    pluginOptions: {},
    seed: 1,
    now: () => new Date(),
  });
  const runs = new InProcessRunStarter({ store, runner, resolve });
  const webhooks: WebhookService = new StoreWebhookService({ store });

  const server = await startApiServer(
    {
      store,
      connectors,
      runs,
      keyring,
      webhooks,
      hubspotCard: { clientSecret: HUBSPOT_CLIENT_SECRET, publicUrl: 'https://crm-ml.example' },
      rateLimit: { windowMs: 60_000, limit: 1_000_000 },
      ...overrides,
    },
    { port: 0 },
  );

  const keys = new Map<string, string>();
  for (const tenant of ['a', 'b']) {
    for (const scope of ['read', 'write', 'admin'] as const) {
      keys.set(`${tenant}:${scope}`, await createKey(store, tenant, scope));
    }
  }

  return {
    store,
    server,
    keyring,
    keys,
    request(path, init = {}) {
      const { key, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key !== undefined) headers.set('authorization', `Bearer ${key}`);
      if (typeof rest.body === 'string' && !headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
      return fetch(`${server.url}${path}`, { ...rest, headers });
    },
    async close() {
      await server.close();
      await runs.close();
      await runner.close();
      if (!overrides.store) await store.close();
    },
  };
}

/** Token of a tenant's key with a scope; fails loudly when the harness made none. */
export function keyOf(harness: Harness, tenant: string, scope: ApiScope): string {
  const key = harness.keys.get(`${tenant}:${scope}`);
  if (!key) throw new Error(`no key ${tenant}:${scope}`);
  return key;
}

/** Creates a connection through the API and returns its id. */
export async function createConnection(
  harness: Harness,
  tenant: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await harness.request('/v1/connections', {
    method: 'POST',
    key: keyOf(harness, tenant, 'write'),
    body: JSON.stringify({
      crm: 'fake',
      label: `${tenant} portal`,
      credentials: { accessToken: `pat-${tenant}-secret-token` },
      plugins: { churn: { target: 'churn' } },
      ...extra,
    }),
  });
  if (response.status !== 201) {
    throw new Error(`create connection: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

/** Stores a churn model and one scored record for a connection. */
export async function seedChurnScore(store: Store, connectionId: string, recordId: string) {
  const model = await store.models.save({
    connectionId,
    pluginId: 'churn',
    saved: {
      pluginId: 'churn',
      config: { family: 'logistic', featureImportance: { tenure: -0.8, contract: 1.2 } },
      weights: {},
      metrics: { roc_auc: 0.84, pr_auc: 0.66, brier: 0.14 },
    },
    trainedAt: '2025-01-01T00:00:00.000Z',
  });
  await store.scores.saveMany(model.id, connectionId, 'churn', [
    {
      recordId,
      score: 0.73,
      values: {
        crm_ml_churn_score: 73,
        crm_ml_churn_risk: 'high',
        crm_ml_churn_drivers: 'contract Month-to-month ↑, tenure 2 ↑',
      },
      scoredAt: '2025-01-02T00:00:00.000Z',
    },
  ]);
  return model;
}
