import type { PluginRegistry } from '../../plugins/registry.js';
import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Checks a connection's plugin settings (`{ "churn": { "target": "churn" } }`) the way a run
 * will use them: every id must be registered (`plugin_unknown`, naming each unknown one), and
 * each plugin's own `parseOptions` must accept its options (the plugin's `…_options_invalid`
 * error, with detail paths under `<prefix>.<plugin id>`).
 */
export function checkPluginOptions(
  registry: PluginRegistry,
  settings: Record<string, Record<string, unknown>>,
  prefix = 'plugins',
): void {
  const known = new Set(registry.list().map((plugin) => plugin.id));
  const unknown = Object.keys(settings).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const listed = `registered: ${[...known].join(', ') || 'none'}`;
    throw new CrmMlError(
      'plugin_unknown',
      `no plugin ${unknown.map((id) => `'${id}'`).join(', ')} (${listed})`,
      {
        details: unknown.map((id) => ({
          path: `${prefix}.${id}`,
          message: `no such plugin (${listed})`,
        })),
      },
    );
  }

  for (const [id, options] of Object.entries(settings)) {
    try {
      registry.get(id).parseOptions?.(options);
    } catch (error) {
      const at = `${prefix}.${id}`;
      if (!(error instanceof CrmMlError)) {
        // A third-party parser that throws something else still names the plugin.
        const message = error instanceof Error ? error.message : String(error);
        throw new CrmMlError('plugin_options_invalid', `${at}: ${message}`, {
          details: [{ path: at, message }],
          cause: error,
        });
      }
      const details = error.details.map((detail) => ({
        path: detail.path === '(input)' ? at : `${at}.${detail.path}`,
        message: detail.message,
      }));
      throw new CrmMlError(error.code, `${prefix}.${id}: ${error.message}`, {
        details,
        cause: error,
      });
    }
  }
}
