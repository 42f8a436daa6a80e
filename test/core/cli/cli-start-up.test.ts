import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { LABELLED_TICKETS_CSV } from '../../plugins/tickets/ticket-fixture.js';

const ENTRY = fileURLToPath(new URL('../../helpers/cli-entry.ts', import.meta.url));
const TRACE = fileURLToPath(new URL('../../helpers/trace-module-loads.ts', import.meta.url));
const REPO = new URL('../../../', import.meta.url).href;

// Packages that cost a large share of a second each to load, and no command's help needs.
const HEAVY = [
  '@tensorflow/',
  '@salesforce/',
  '@hubspot/',
  'bullmq',
  'ioredis',
  'kysely',
  'better-sqlite3',
  'pg',
  'express',
  'pino',
];

describe('crm-ml start-up loads only what the command needs', () => {
  let dir = '';
  let runs = 0;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'crm-ml-start-up-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  /** The modules `crm-ml ARGS…` loaded, as paths below the repo or `pkg:<name>` for packages. */
  async function modulesLoadedBy(args: readonly string[]): Promise<string[]> {
    const traceFile = join(dir, `trace-${(runs += 1)}.txt`);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--import', TRACE, ENTRY, ...args],
        {
          env: { ...process.env, NODE_TEST_CONTEXT: '', MODULE_TRACE_FILE: traceFile },
          stdio: 'ignore',
        },
      );
      child.on('error', reject);
      child.on('close', resolve);
    });
    assert.equal(code, 0, `crm-ml ${args.join(' ')} failed`);
    const urls = (await readFile(traceFile, 'utf8')).split('\n').filter((url) => url !== '');
    return urls.map((url) => {
      const inPackage = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
      return inPackage ? `pkg:${inPackage[1]}` : url.replace(REPO, '');
    });
  }

  function assertNoHeavyPackage(modules: readonly string[]): void {
    const heavy = modules.filter((m) => HEAVY.some((name) => m.startsWith(`pkg:${name}`)));
    assert.deepEqual([...new Set(heavy)], []);
  }

  it('--help loads every command definition and no command action or heavy package', async () => {
    const modules = await modulesLoadedBy(['--help']);

    assert.ok(modules.includes('pkg:commander'));
    assert.ok(modules.includes('core/cli/commands/worker-command.ts'));
    assert.ok(modules.includes('core/cli/commands/eval-tickets-command.ts'));
    assert.deepEqual(
      modules.filter((m) => /^core\/cli\/commands\/.*-action\.ts$/.test(m)),
      [],
    );
    assertNoHeavyPackage(modules);
  });

  it('eval tickets loads its plugin and action, still without the store, queues or tfjs', async () => {
    const args = ['eval', 'tickets', '--csv', LABELLED_TICKETS_CSV, '--text', 'text'];
    const modules = await modulesLoadedBy([...args, '--label', 'category', '--json']);

    assert.ok(modules.includes('core/cli/commands/eval-tickets-action.ts'));
    assert.ok(modules.some((m) => m.includes('plugins/tickets/')));
    assert.deepEqual(
      modules.filter((m) => /^core\/cli\/commands\/(?!eval-tickets-).*-action\.ts$/.test(m)),
      [],
    );
    assertNoHeavyPackage(modules.filter((m) => m !== 'pkg:pino'));
  });
});
