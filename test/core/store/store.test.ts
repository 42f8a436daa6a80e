import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Store } from '../../../core/store/index.js';
import { connectionRunSuite } from './connection-run-suite.js';
import { modelScoreSuite } from './model-score-suite.js';
import { outboxSuite } from './outbox-suite.js';
import { recordSuite } from './record-suite.js';
import { storeBackends } from '../../helpers/store-backends.js';
import { uniqueConnectionId } from './fixtures.js';

// The same suite runs on every backend: the repositories have one code path for both.
for (const backend of storeBackends()) {
  describe(backend.name, () => {
    let store: Store | undefined;
    const getStore = (): Store => {
      if (store === undefined) throw new Error(`${backend.name} store is not open`);
      return store;
    };

    before(async () => {
      await backend.setup();
      store = await backend.open();
    });

    after(async () => {
      await store?.close();
      await backend.teardown();
    });

    test('reports its dialect', () => {
      const expected = backend.name === 'PostgreSQL' ? 'postgres' : 'sqlite';
      assert.equal(getStore().dialect, expected);
    });

    test(
      'opening an existing database again (migrations idempotent) keeps its data',
      {
        skip: backend.persistent ? false : ':memory: has nothing to reopen',
      },
      async () => {
        const id = uniqueConnectionId();
        await getStore().connections.upsert({ id, crm: 'csv', label: 'Reopen', settings: {} });

        const second = await backend.open();
        try {
          assert.equal((await second.connections.get(id))?.label, 'Reopen');
        } finally {
          await second.close();
        }
      },
    );

    recordSuite(getStore);
    modelScoreSuite(getStore);
    outboxSuite(getStore);
    connectionRunSuite(getStore);
  });
}

if (!process.env['DATABASE_URL']) {
  test('PostgreSQL: skipped — DATABASE_URL is not set', { skip: true }, () => {});
}
