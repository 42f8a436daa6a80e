import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { configuredPlugins } from '../../core/runtime/default-registries.js';
import { loadPluginPackages } from '../../plugins/load-plugin-packages.js';
import { PluginRegistry } from '../../plugins/registry.js';

const PLUGIN_SOURCE = fileURLToPath(
  new URL('../fixtures/plugins/tenure-band-plugin.mjs', import.meta.url),
);

/** Installs the tenure-band fixture as package `name` under `project`/node_modules. */
async function installFixture(
  project: string,
  name: string,
  manifest: Record<string, unknown>,
  file: string,
): Promise<void> {
  const root = join(project, 'node_modules', ...name.split('/'));
  await mkdir(join(root, 'dist'), { recursive: true });
  await copyFile(PLUGIN_SOURCE, join(root, file));
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', ...manifest }),
  );
}

describe('third-party plugins by bare package name, from the working directory', () => {
  let project = '';
  let elsewhere = '';

  before(async () => {
    project = await mkdtemp(join(tmpdir(), 'crm-ml-project-'));
    elsewhere = await mkdtemp(join(tmpdir(), 'crm-ml-elsewhere-'));
    // ESM-only, as most new packages: only an `import` condition, no `main`.
    await installFixture(
      project,
      'crm-ml-plugin-tenure',
      { type: 'module', exports: { '.': { import: './dist/index.mjs' } } },
      'dist/index.mjs',
    );
    await installFixture(
      project,
      '@acme/crm-ml-plugin-tenure',
      { main: 'plugin.mjs' },
      'plugin.mjs',
    );
  });
  after(async () => {
    await rm(project, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('loads a package from the node_modules of the configured directory, not crm-ml’s own', async () => {
    const registry = await loadPluginPackages(['crm-ml-plugin-tenure'], new PluginRegistry(), {
      cwd: project,
    });
    const model = await registry.get('tenure_band').train([], {
      logger: undefined as never,
      seed: 1,
      options: {},
    });
    const record = { id: '1', objectType: 'contacts' as const, updatedAt: '', archived: false };
    const [score] = await model.score([{ ...record, properties: { tenure: '3' } }]);
    assert.deepEqual(score?.values, { crm_ml_tenure_band: 'short' });
  });

  it('finds it from a subfolder too, like Node does, and reads `main` of a scoped package', async () => {
    const nested = join(project, 'config', 'crm');
    await mkdir(nested, { recursive: true });
    const registry = await loadPluginPackages(
      ['@acme/crm-ml-plugin-tenure'],
      new PluginRegistry(),
      {
        cwd: nested,
      },
    );
    assert.equal(registry.get('tenure_band').label, 'Tenure band');
  });

  it('registers configured packages beside the shipped plugins', async () => {
    const registry = await configuredPlugins({ pluginPackages: ['crm-ml-plugin-tenure'] }, project);
    const ids = registry.list().map((plugin) => plugin.id);
    assert.ok(ids.includes('churn') && ids.includes('tenure_band'), ids.join(', '));
  });

  it('names the package and the directory searched when it is not installed there', async () => {
    await assert.rejects(
      loadPluginPackages(['crm-ml-plugin-tenure'], new PluginRegistry(), { cwd: elsewhere }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'plugin_package_not_found');
        assert.ok(error.message.includes(elsewhere), error.message);
        assert.match(error.message, /npm install crm-ml-plugin-tenure/);
        return true;
      },
    );
  });
});
