import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startInboundRescorer } from '../../../core/api/inbound-rescorer.js';
import type { RunRequest, RunStarter } from '../../../core/api/run-starter.js';
import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { openStore } from '../../../core/store/index.js';

test('pending changes of a connection that does not exist are tried once, not every sweep', async () => {
  const store = await openStore({ sqlitePath: ':memory:' });
  const now = new Date().toISOString();
  const later = new Date(Date.now() + 60_000).toISOString();
  const change = {
    deliveryId: 'n1',
    objectType: 'contacts' as const,
    recordId: '1',
    connectionId: 'gone',
  };
  await store.inboundChanges.accept('salesforce-notification', [change], now, later);

  const started: string[] = [];
  const runs: RunStarter = {
    start: async (request: RunRequest) => {
      started.push(request.connectionId);
      throw new CrmMlError('connection_not_found', `No connection '${request.connectionId}'`);
    },
    close: async () => undefined,
  };
  const rescorer = startInboundRescorer({ store, runs, sweepMs: 5 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(started, ['gone']);
  } finally {
    await rescorer.close();
    await store.close();
  }
});
