import type { Plugin } from '../../plugins/plugin.js';
import type { CrmMlConfig } from '../config/index.js';
import { requireEncryptionKeyring } from '../security/require-encryption-keyring.js';
import { checkPluginOptions } from './check-plugin-options.js';
import { configuredCrm, type ConfigurableCrm, type ConfiguredCrm } from './configured-crm.js';
import { configuredPlugins, defaultConnectors } from './default-registries.js';
import { enabledPlugins, pluginOptionsFor, type PluginOptionsById } from './enabled-plugins.js';

/** What a run of the configured CRM works with, every part checked before it starts. */
export interface RunConfiguration {
  crm: ConfiguredCrm;
  plugins: Plugin[];
  pluginOptions: PluginOptionsById;
}

/**
 * Checks the configuration the way `crm-ml run` needs it, without calling the CRM: the
 * plugins (third-party packages load, every enabled id and options key is registered, each
 * plugin accepts its options), one CRM chosen (`wanted` when both are set), and settings its
 * connector accepts; then, with REDIS_URL (a queued run), CRM_ML_ENCRYPTION_KEY from `env`.
 * `run` and `doctor` both call this, so doctor passes what run accepts. Throws the first
 * problem as a `CrmMlError` naming the variable.
 */
export async function checkRunConfiguration(
  config: Readonly<CrmMlConfig>,
  wanted?: ConfigurableCrm,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RunConfiguration> {
  const registry = await configuredPlugins(config);
  const plugins = enabledPlugins(registry, config);
  const pluginOptions = pluginOptionsFor(plugins, config);
  checkPluginOptions(registry, pluginOptions, 'CRM_ML_PLUGIN_OPTIONS');

  const crm = configuredCrm(config, wanted);
  // Creating a connector parses its settings and opens no connection.
  const connector = defaultConnectors().create(crm.crm, crm.settings);
  await connector.close?.();
  // Last: a missing CRM token is the first thing to fix, whatever the queue needs.
  if (config.redisUrl) requireEncryptionKeyring(env);
  return { crm, plugins, pluginOptions };
}
