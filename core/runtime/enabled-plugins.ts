import type { Plugin } from '../../plugins/plugin.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { CrmMlConfig } from '../config/index.js';
import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';

type PluginConfig = Pick<CrmMlConfig, 'enabledPlugins' | 'pluginOptions' | 'churn'>;

/** Options per plugin id, as `PipelineContext.pluginOptions` and connection settings hold them. */
export type PluginOptionsById = Record<string, Record<string, unknown>>;

/**
 * The plugins runs use: those `CRM_ML_ENABLED_PLUGINS` / `"enabledPlugins"` names, in that
 * order, or every registered plugin when unset. An id the registry does not know, in the list
 * or among the plugin options, stops with `config_invalid` naming it and the registered ids.
 */
export function enabledPlugins(registry: PluginRegistry, config: PluginConfig): Plugin[] {
  const registered = registry.list();
  const known = new Set(registered.map((plugin) => plugin.id));
  const problems: ErrorDetail[] = [];
  const unknown = (ids: readonly string[]) => [...new Set(ids.filter((id) => !known.has(id)))];
  const listed = `registered: ${[...known].join(', ') || 'none'}`;

  const enabled = config.enabledPlugins;
  const unknownEnabled = unknown(enabled ?? []);
  if (unknownEnabled.length > 0) {
    problems.push({
      path: 'CRM_ML_ENABLED_PLUGINS',
      message: `no plugin ${unknownEnabled.map((id) => `'${id}'`).join(', ')} (${listed})`,
    });
  }
  const unknownOptions = unknown(Object.keys(config.pluginOptions ?? {}));
  if (unknownOptions.length > 0) {
    problems.push({
      path: 'CRM_ML_PLUGIN_OPTIONS',
      message: `options for no plugin ${unknownOptions.map((id) => `'${id}'`).join(', ')} (${listed})`,
    });
  }
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    throw new CrmMlError('config_invalid', `configuration is invalid: ${list}`, {
      details: problems,
    });
  }

  if (enabled === undefined) return registered;
  return [...new Set(enabled)].map((id) => registry.get(id));
}

/**
 * Each plugin's options from configuration: `pluginOptions[id]`, and for churn the label
 * settings `churn.target` / `churn.positive` (CRM_ML_CHURN_*) on top.
 */
export function pluginOptionsFor(
  plugins: readonly Plugin[],
  config: PluginConfig,
): PluginOptionsById {
  const options: PluginOptionsById = {};
  for (const plugin of plugins) {
    const configured = { ...config.pluginOptions?.[plugin.id] };
    options[plugin.id] = plugin.id === 'churn' ? { ...configured, ...config.churn } : configured;
  }
  return options;
}
