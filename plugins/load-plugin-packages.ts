import { z } from 'zod';
import { CrmMlError } from '../core/errors/crm-ml-error.js';
import { zodDetails } from '../core/errors/parse-or-throw.js';
import { createLogger } from '../core/logging/logger.js';
import { OBJECT_TYPES } from '../core/records/crm-record.js';
import type { Plugin } from './plugin.js';
import type { PluginRegistry } from './registry.js';
import { resolvePluginPackage } from './resolve-plugin-package.js';

const logger = createLogger('plugins');

// What a module must hand over to count as a plugin: checked before it reaches the pipeline.
const pluginShape = z.looseObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lower snake_case, up to 32 characters'),
  label: z.string().min(1),
  objectType: z.enum(OBJECT_TYPES),
  inputs: z.array(z.enum(OBJECT_TYPES)).optional(),
  fields: z.array(
    z.looseObject({
      name: z.string().startsWith('crm_ml_', 'must start with crm_ml_'),
      label: z.string().min(1),
      type: z.enum(['number', 'string', 'text', 'enumeration', 'datetime']),
    }),
  ),
  train: z.custom<Plugin['train']>((value) => typeof value === 'function', 'must be a function'),
  load: z.custom<Plugin['load']>((value) => typeof value === 'function', 'must be a function'),
});

export interface LoadPluginPackagesOptions {
  /** Where packages are looked up (its node_modules, then upwards); process.cwd() if absent. */
  cwd?: string;
}

/**
 * Loads third-party plugins by npm package name (or path) and registers them. Names resolve
 * from `cwd`, not from where crm-ml is installed (see `resolvePluginPackage`). A package
 * exports its plugin as `default` or `plugin`, or a `createPlugin()` factory. A package that
 * cannot be found, or whose export is not a plugin, stops with an error naming it and what is
 * wrong; a plugin id that is already registered is an error too (the registry refuses it).
 */
export async function loadPluginPackages(
  names: readonly string[],
  registry: PluginRegistry,
  options: LoadPluginPackagesOptions = {},
): Promise<PluginRegistry> {
  const cwd = options.cwd ?? process.cwd();
  for (const name of names) {
    const plugin = pluginFrom(await importPackage(name, cwd), name);
    registry.register(plugin);
    logger.info({ package: name, plugin: plugin.id }, 'plugin package loaded');
  }
  return registry;
}

async function importPackage(name: string, cwd: string): Promise<Record<string, unknown>> {
  const url = resolvePluginPackage(name, cwd);
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    throw new CrmMlError(
      missing ? 'plugin_package_not_found' : 'plugin_package_failed',
      missing
        ? `Plugin package '${name}' is not installed (npm install ${name})`
        : `Plugin package '${name}' failed to load: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function pluginFrom(module: Record<string, unknown>, name: string): Plugin {
  const factory = module['createPlugin'];
  const candidate =
    typeof factory === 'function'
      ? (factory as () => unknown)()
      : (module['default'] ?? module['plugin']);

  const result = pluginShape.safeParse(candidate);
  if (result.success) return candidate as Plugin;
  throw new CrmMlError(
    'plugin_package_invalid',
    `Package '${name}' does not export a crm-ml plugin (default, plugin or createPlugin())`,
    { details: zodDetails(result.error, '(export)') },
  );
}
