import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadPluginPackages } from '../../plugins/load-plugin-packages.js';
import { PluginRegistry } from '../../plugins/registry.js';
import { createChurnPlugin } from '../../plugins/churn/index.js';

const fixture = (file: string): string =>
  fileURLToPath(new URL(`../fixtures/plugins/${file}`, import.meta.url));

describe('third-party plugins loaded by package name', () => {
  it('registers a package that exports createPlugin() and scores with it', async () => {
    const registry = await loadPluginPackages(
      [fixture('tenure-band-plugin.mjs')],
      new PluginRegistry(),
    );
    const plugin = registry.get('tenure_band');

    const model = await plugin.train([], { logger: undefined as never, seed: 1, options: {} });
    const record = { id: '1', objectType: 'contacts' as const, updatedAt: '', archived: false };
    const [score] = await model.score([{ ...record, properties: { tenure: '60' } }]);
    assert.deepEqual(score?.values, { crm_ml_tenure_band: 'long' });
  });

  it('names a package that is not installed', async () => {
    await assert.rejects(loadPluginPackages(['crm-ml-plugin-nowhere'], new PluginRegistry()), {
      code: 'plugin_package_not_found',
      message: /crm-ml-plugin-nowhere/,
    });
  });

  it('says what a module that is not a plugin lacks', async () => {
    await assert.rejects(
      loadPluginPackages([fixture('not-a-plugin.mjs')], new PluginRegistry()),
      (error: { code: string; details: { path: string }[] }) => {
        assert.equal(error.code, 'plugin_package_invalid');
        const paths = error.details.map((detail) => detail.path);
        for (const path of ['id', 'label', 'objectType', 'train', 'load']) {
          assert.ok(paths.includes(path), `names ${path}`);
        }
        return true;
      },
    );
  });

  it('refuses a second plugin with an id already registered', async () => {
    const registry = new PluginRegistry().register(createChurnPlugin());
    const path = fixture('tenure-band-plugin.mjs');
    await loadPluginPackages([path], registry);
    await assert.rejects(loadPluginPackages([path], registry), { code: 'plugin_duplicate_id' });
  });
});
