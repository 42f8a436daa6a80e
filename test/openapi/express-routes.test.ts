import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import type { Express } from 'express';

import { ConnectorRegistry } from '../../connectors/registry.js';
import { createApiApp } from '../../core/api/create-api-app.js';
import { loadSpec } from '../../core/api/load-spec.js';
import type { RunStarter } from '../../core/api/run-starter.js';
import { specRoutes } from '../../core/api/spec-routes.js';
import { createKeyring, encryptionKeyFromBytes } from '../../core/security/encryption-keyring.js';
import { openStore } from '../../core/store/index.js';
import { createHooksRouter } from '../../core/webhooks/index.js';

/** The parts of express's router layers read here (router 2 keeps each layer's `rawPath`). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path/{param}` of every route the app mounts, mounted routers included. */
function expressRoutes(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${String(layer.route.path)}`.replace(/:(\w+)/g, '{$1}');
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
      return methods.map((method) => `${method.toUpperCase()} ${path}`);
    }
    const inner = layer.handle?.stack;
    if (!inner) return [];
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return expressRoutes(inner, `${prefix}${mount}`);
  });
}

test('every express route (/hooks too) is an operation of the spec, and the other way round', async () => {
  const store = await openStore({ sqlitePath: ':memory:' });
  try {
    const runs: RunStarter = { start: async () => 1, close: async () => undefined };
    const hooks = createHooksRouter({
      store,
      hubspot: {
        clientSecret: 's',
        publicBaseUrl: 'https://x.example',
        connectionFor: async () => null,
      },
      salesforce: { orgId: '00D5e000000KQ2e', connectionId: 'sf', token: 't' },
      onChangesAccepted: () => undefined,
    });
    const app: Express = createApiApp({
      store,
      connectors: new ConnectorRegistry(),
      runs,
      keyring: createKeyring([encryptionKeyFromBytes(randomBytes(32))]),
      hooks,
    });

    const mounted = expressRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack);
    const documented = specRoutes(loadSpec()).map((route) => `${route.method} ${route.template}`);
    assert.ok(
      mounted.includes('POST /hooks/hubspot') && mounted.includes('POST /hooks/salesforce'),
    );
    assert.deepEqual([...new Set(mounted)].sort(), [...documented].sort());
  } finally {
    await store.close();
  }
});
