import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import pg from 'pg';

import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { openStore, type StoreOptions } from '../../../core/store/index.js';
import { postgresUrlOrWarn } from '../../helpers/database-url.js';
import { startHoldingProxy } from '../../helpers/holding-proxy.js';
import { startContactsOnlySandbox } from '../../helpers/hubspot-contacts-sandbox.js';
import { parseSingleJson, runCli, type CliResult } from '../../helpers/run-cli.js';
import { withSearchPath } from '../../helpers/store-backends.js';

const TOKEN = 'concurrent-runs-token';
const CONNECTION = 'hubspot-4242';
const CLI_ENTRY = fileURLToPath(new URL('../../helpers/cli-entry.ts', import.meta.url));

/** Where the two runs keep their store: the environment that names it, and how to open it. */
interface SharedStore {
  name: string;
  env: Record<string, string>;
  options: StoreOptions;
  cleanup(): Promise<void>;
}

async function sqliteStore(): Promise<SharedStore> {
  const home = await mkdtemp(join(tmpdir(), 'crm-ml-concurrent-'));
  return {
    name: 'SQLite',
    env: { CRM_ML_HOME: home, DATABASE_URL: '' },
    options: { sqlitePath: join(home, 'crm-ml.sqlite') },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

async function postgresStore(databaseUrl: string): Promise<SharedStore> {
  const schema = `crm_ml_concurrent_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`create schema "${schema}"`);
  const url = withSearchPath(databaseUrl, schema);
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url },
    options: { databaseUrl: url },
    async cleanup() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** Resolves once `check` holds, or never; `stop` ends the polling. */
function whenTrue(check: () => boolean, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (stop.aborted) clearInterval(timer);
      else if (check()) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}

const databaseUrl = postgresUrlOrWarn('concurrent crm-ml runs');
const backends: { name: string; make: () => Promise<SharedStore> }[] = [
  { name: 'SQLite', make: sqliteStore },
  ...(databaseUrl ? [{ name: 'PostgreSQL', make: () => postgresStore(databaseUrl) }] : []),
];

describe('two concurrent in-process crm-ml runs on one store', () => {
  let sandbox: HubSpotSandbox;

  before(async () => {
    sandbox = await startContactsOnlySandbox(TOKEN);
  });
  after(async () => {
    await sandbox.close();
  });

  for (const { name, make } of backends) {
    it(`${name}: the second is refused with run_in_progress; the first runs alone`, async () => {
      const shared = await make();
      // The first run is held as it reads its first page of records, until the second ended.
      const proxy = await startHoldingProxy(sandbox.url, (_, path) =>
        path.startsWith('/crm/v3/objects/'),
      );
      const env = {
        HUBSPOT_ACCESS_TOKEN: TOKEN,
        HUBSPOT_BASE_URL: proxy.url,
        CRM_ML_CHURN_POSITIVE: 'Yes',
        CRM_ML_ENABLED_PLUGINS: 'churn',
        CRM_ML_PLUGIN_OPTIONS: '{"churn":{"families":["logistic"]}}',
        REDIS_URL: '',
        ...shared.env,
      };
      const stop = new AbortController();
      try {
        const first = runCli(['run', '--json'], env);
        await Promise.race([whenTrue(() => proxy.held > 0, stop.signal), first]);
        assert.equal(proxy.held, 1, `${shared.name}: the first run reads records`);

        const second = runCli(['run', '--json'], env);
        // Without a lease the second run also reaches the records, and is held there too.
        const outcome = await Promise.race([
          second,
          whenTrue(() => proxy.held > 1, stop.signal).then(() => 'went on' as const),
        ]);
        proxy.release();
        const [firstResult, secondResult] = await Promise.all([first, second]);

        assert.notEqual(outcome, 'went on', `${shared.name}: the second run read records too`);
        assert.equal(secondResult.code, 1, secondResult.stderr);
        const refusal = parseSingleJson(secondResult.stdout) as {
          error: { code: string; message: string };
        };
        assert.equal(refusal.error.code, 'run_in_progress');
        assert.match(refusal.error.message, new RegExp(`connection ${CONNECTION} has run `));
        assert.match(refusal.error.message, /lease ends at \d{4}-\d\d-\d\dT/);
        assertSucceeded(firstResult);

        const store = await openStore(shared.options);
        try {
          const runs = await store.runs.list(CONNECTION, { limit: 10 });
          assert.deepEqual(
            runs.map((run) => run.status),
            ['succeeded'],
            `${shared.name}: one run recorded`,
          );
          assert.equal(await store.runLeases.get(CONNECTION), null, 'the lease is given back');
        } finally {
          await store.close();
        }
      } finally {
        stop.abort();
        proxy.release();
        await proxy.close();
        await shared.cleanup();
      }
    });
  }

  it('a run stopped with Ctrl-C gives its lease back, so the next one need not wait', async () => {
    const shared = await sqliteStore();
    const proxy = await startHoldingProxy(sandbox.url, (_, path) =>
      path.startsWith('/crm/v3/objects/'),
    );
    const env = { HUBSPOT_ACCESS_TOKEN: TOKEN, HUBSPOT_BASE_URL: proxy.url, REDIS_URL: '' };
    const stop = new AbortController();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, 'run', '--json'], {
        env: { ...process.env, NODE_TEST_CONTEXT: '', ...env, ...shared.env },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await Promise.race([whenTrue(() => proxy.held > 0, stop.signal), exited]);
      assert.equal(proxy.held, 1, 'the run reads records, holding the lease');

      child.kill('SIGINT');
      assert.equal(await exited, 130);
      const store = await openStore(shared.options);
      try {
        assert.equal(await store.runLeases.get(CONNECTION), null);
      } finally {
        await store.close();
      }
    } finally {
      stop.abort();
      proxy.release();
      await proxy.close();
      await shared.cleanup();
    }
  });
});

function assertSucceeded(result: CliResult): void {
  assert.equal(result.code, 0, result.stderr);
  const headline = parseSingleJson(result.stdout) as { written: number };
  assert.equal(headline.written, 60);
}
