import { CrmMlError } from '../core/errors/crm-ml-error.js';
import type { Plugin } from './plugin.js';

/** The plugins a deployment runs, keyed by their stable ids. */
export class PluginRegistry {
  private readonly plugins = new Map<string, Plugin>();

  /** Adds a plugin; a second plugin with the same id is an error, never a silent swap. */
  register(plugin: Plugin): this {
    if (this.plugins.has(plugin.id)) {
      throw new CrmMlError('plugin_duplicate_id', `A plugin with id '${plugin.id}' is registered`);
    }
    this.plugins.set(plugin.id, plugin);
    return this;
  }

  get(id: string): Plugin {
    const plugin = this.plugins.get(id);
    if (!plugin) {
      const known = [...this.plugins.keys()].join(', ') || 'none';
      throw new CrmMlError('plugin_unknown', `No plugin '${id}' (registered: ${known})`);
    }
    return plugin;
  }

  list(): Plugin[] {
    return [...this.plugins.values()];
  }
}
