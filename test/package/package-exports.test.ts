import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const tsx = import.meta.resolve('tsx');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

// What a third party writes: only the package name, never a path into the repository.
const CONSUMER = `
import { instantSleep, KIT_PROPERTIES, runConnectorConformance } from 'crm-ml/testkit';
import type { Connector, SyncPage } from 'crm-ml/connector';
import { ConnectorRegistry } from 'crm-ml/registry';
import { MissingDataError, type Plugin } from 'crm-ml/plugin';
import { PluginRegistry } from 'crm-ml/plugin-registry';
import { CrmMlError } from 'crm-ml/errors';
import { OBJECT_TYPES, type CrmRecord } from 'crm-ml/records';
import { backoff, realSleep, type Sleep } from 'crm-ml/backoff';
import { createLogger } from 'crm-ml/logging';

const page: SyncPage = { records: [] as CrmRecord[], deletedIds: [], cursor: 'start' };
const plugin: Pick<Plugin, 'id' | 'objectType'> = { id: 'tenure_band', objectType: 'contacts' };
const registry = new ConnectorRegistry();
registry.register('toy', () => ({}) as Connector);
console.log(
  JSON.stringify({
    kit: typeof runConnectorConformance,
    sleep: typeof instantSleep().sleep,
    properties: KIT_PROPERTIES.length,
    plugins: typeof PluginRegistry,
    error: new CrmMlError('toy_failed', 'toy').code,
    missing: new MissingDataError('toy_no_orders', 'no orders').missingData,
    types: OBJECT_TYPES.includes(plugin.objectType),
    cursor: page.cursor,
    backoff: backoff(1, { random: () => 1 }) > 0 && (realSleep satisfies Sleep) !== undefined,
    logger: typeof createLogger('connector.toy').warn,
  }),
);
`;

/** Every module specifier a TypeScript file imports or re-exports. */
function specifiersOf(source: string): string[] {
  const pattern =
    /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
}

describe('the example connector uses crm-ml the way a third party can', () => {
  it('imports only modules of the package exports map, besides its own files', async () => {
    const manifest = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { source?: string }>;
      dependencies: Record<string, string>;
    };
    const exported = new Set(
      Object.values(manifest.exports).flatMap((entry) =>
        typeof entry === 'object' && entry.source ? [join(repo, entry.source)] : [],
      ),
    );
    const examples = join(repo, 'examples');
    const files = (await readdir(examples, { recursive: true }))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(examples, name));
    assert.ok(files.length >= 4, `only ${files.length} example files`);

    const outside: string[] = [];
    for (const file of files) {
      for (const specifier of specifiersOf(await readFile(file, 'utf8'))) {
        if (!specifier.startsWith('.')) {
          const name = specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/');
          const known = specifier.startsWith('node:') || name in manifest.dependencies;
          if (!known) outside.push(`${relative(repo, file)}: ${specifier}`);
          continue;
        }
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (!target.startsWith(`${examples}${sep}`) && !exported.has(target)) {
          outside.push(`${relative(repo, file)}: ${specifier}`);
        }
      }
    }
    assert.deepEqual(outside, []);
  });
});

describe('package exports: the kit and the types by package name', () => {
  let project = '';

  before(async () => {
    project = await mkdtemp(join(tmpdir(), 'crm-ml-consumer-'));
    await mkdir(join(project, 'node_modules'));
    await symlink(repo, join(project, 'node_modules', 'crm-ml'), 'dir');
    await writeFile(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
    await writeFile(join(project, 'consumer.ts'), CONSUMER);
  });

  after(async () => {
    await rm(project, { recursive: true, force: true });
  });

  const expectWorking = (stdout: string): void => {
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
    assert.deepEqual(result, {
      kit: 'function',
      sleep: 'function',
      properties: 3,
      plugins: 'function',
      error: 'toy_failed',
      missing: true,
      types: true,
      cursor: 'start',
      backoff: true,
      logger: 'function',
    });
  };

  it('resolves the TypeScript sources under tsx with the "source" condition', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=source', '--import', tsx, 'consumer.ts'],
      { cwd: project },
    );
    expectWorking(stdout);
  });

  it('resolves the built dist by default, and type-checks against its declarations', async (t) => {
    if (!existsSync(join(repo, 'dist', 'connectors', 'testkit', 'index.js'))) {
      t.skip('dist/ is not built: run `npm run build` (npm ci does)');
      return;
    }
    const { stdout } = await run(process.execPath, ['--import', tsx, 'consumer.ts'], {
      cwd: project,
    });
    expectWorking(stdout);

    await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(repo, 'node_modules', '@types'),
        'consumer.ts',
      ],
      { cwd: project },
    );
  });
});
