import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { defaultPlugins } from '../../../core/runtime/default-registries.js';
import { enabledPlugins, pluginOptionsFor } from '../../../core/runtime/enabled-plugins.js';

const SHIPPED = ['churn', 'segments', 'recommendations', 'sentiment', 'next_purchase'];

describe('the plugins a production run uses', () => {
  it('registers every shipped plugin by default and enables them all when nothing is set', () => {
    const ids = defaultPlugins()
      .list()
      .map((plugin) => plugin.id);
    for (const id of SHIPPED) assert.ok(ids.includes(id), `${id} is registered`);

    const enabled = enabledPlugins(defaultPlugins(), { churn: { target: 'churn' } });
    assert.deepEqual(
      enabled.map((plugin) => plugin.id),
      ids,
    );
  });

  it('runs only the enabled ones, in the order given', () => {
    const config = { churn: { target: 'churn' }, enabledPlugins: ['segments', 'churn'] };
    assert.deepEqual(
      enabledPlugins(defaultPlugins(), config).map((plugin) => plugin.id),
      ['segments', 'churn'],
    );
  });

  it('names unknown ids, where they were set and what is registered', () => {
    const config = {
      churn: { target: 'churn' },
      enabledPlugins: ['churn', 'segmnts'],
      pluginOptions: { sentimnt: {} },
    };
    assert.throws(
      () => enabledPlugins(defaultPlugins(), config),
      (error: unknown) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'config_invalid');
        assert.deepEqual(
          error.details.map((detail) => detail.path),
          ['CRM_ML_ENABLED_PLUGINS', 'CRM_ML_PLUGIN_OPTIONS'],
        );
        assert.match(error.message, /no plugin 'segmnts' \(registered: churn, segments, /);
        assert.match(error.message, /options for no plugin 'sentimnt'/);
        return true;
      },
    );
  });

  it('gives each plugin its configured options, churn its label settings on top', () => {
    const plugins = enabledPlugins(defaultPlugins(), { churn: { target: 'x' } });
    const options = pluginOptionsFor(plugins, {
      churn: { target: 'cancelled', positive: 'true' },
      pluginOptions: { segments: { k: 4 }, churn: { families: ['logistic'], target: 'ignored' } },
    });
    assert.deepEqual(options['segments'], { k: 4 });
    assert.deepEqual(options['churn'], {
      families: ['logistic'],
      target: 'cancelled',
      positive: 'true',
    });
    assert.deepEqual(options['sentiment'], {});
  });
});
