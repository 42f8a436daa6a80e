import { z } from 'zod';
import type { ConnectorRegistry } from '../../connectors/registry.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { Json } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { zodDetails } from '../errors/parse-or-throw.js';
import type { ContextResolver } from '../pipeline/pipeline-jobs.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { PipelineEvents } from '../pipeline/pipeline-events.js';
import { assertCrmUrlsAllowed, privateCrmUrlsAllowed } from '../security/crm-url-guard.js';
import { decryptSettings } from '../security/decrypt-settings.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Store } from '../store/index.js';
import { checkPluginOptions } from './check-plugin-options.js';

/**
 * What a stored connection's `settings` hold: the connector's own settings, and the plugins
 * to run with their options (`{ "churn": { "target": "churn" } }`).
 */
const connectionSettingsSchema = z.object({
  connector: z.json(),
  plugins: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export interface ResolverOptions {
  store: Store;
  connectors: ConnectorRegistry;
  plugins: PluginRegistry;
  seed: number;
  /** Score-distribution PSI above which the next run retrains; 0.25 when absent. */
  driftPsi?: number;
  /** Scoring threads of large runs (`PipelineContext.scoreThreads`); automatic when absent. */
  scoreThreads?: number;
  /** Listeners every context carries (webhooks). */
  events?: PipelineEvents;
  /** Decrypts stored credentials; CRM_ML_ENCRYPTION_KEY(S_OLD) when absent. */
  keyring?: EncryptionKeyring;
  /**
   * Let connections a tenant made through the API reach loopback and private CRM hosts;
   * default `CRM_ML_CRM_ALLOW_PRIVATE=true`. The operator's own connections are not checked.
   */
  allowPrivateCrmUrls?: boolean;
}

/** A resolver that also closes the connectors it opened. */
export interface ClosableResolver {
  resolve: ContextResolver;
  close(): Promise<void>;
}

/**
 * Builds each connection's pipeline context from the store on first use and keeps it, so a
 * worker serving many connections opens one connector per connection.
 */
export function createContextResolver(options: ResolverOptions): ClosableResolver {
  const contexts = new Map<string, Promise<PipelineContext>>();

  const build = async (connectionId: string): Promise<PipelineContext> => {
    const connection = await options.store.connections.get(connectionId);
    if (!connection) {
      throw new CrmMlError('connection_not_found', `No connection '${connectionId}' in the store`);
    }
    const settings = parseConnectionSettings(
      decryptSettings(connection.settings, options.keyring),
      connectionId,
    );
    // A tenant's URLs are checked again at each open: a DNS answer may have changed.
    if (await options.store.tenants.ownerOf(connectionId)) {
      const allowPrivate = options.allowPrivateCrmUrls ?? privateCrmUrlsAllowed();
      await assertCrmUrlsAllowed(settings.connector, { allowPrivate }, 'credentials');
    }
    // Bad stored plugin settings stop the run before it starts, with the plugin's own code.
    checkPluginOptions(options.plugins, settings.plugins);
    return {
      store: options.store,
      connector: options.connectors.create(connection.crm, settings.connector),
      connectionId,
      plugins: Object.keys(settings.plugins).map((id) => options.plugins.get(id)),
      pluginOptions: settings.plugins,
      seed: options.seed,
      now: () => new Date(),
      ...(options.driftPsi === undefined ? {} : { driftPsi: options.driftPsi }),
      ...(options.scoreThreads === undefined ? {} : { scoreThreads: options.scoreThreads }),
      ...(options.events ? { events: options.events } : {}),
    };
  };

  return {
    resolve(connectionId) {
      const known = contexts.get(connectionId);
      if (known) return known;
      const context = build(connectionId);
      contexts.set(connectionId, context);
      // A failed build is not kept: the next job may find the connection fixed.
      context.catch(() => contexts.delete(connectionId));
      return context;
    },
    async close() {
      const opened = await Promise.allSettled(contexts.values());
      for (const result of opened) {
        if (result.status === 'fulfilled') await result.value.connector.close?.();
      }
      contexts.clear();
    },
  };
}

function parseConnectionSettings(settings: Json, connectionId: string): ConnectionSettings {
  const result = connectionSettingsSchema.safeParse(settings);
  if (result.success) return result.data;
  throw new CrmMlError(
    'connection_settings_invalid',
    `Connection '${connectionId}' has invalid settings`,
    { details: zodDetails(result.error, '(settings)') },
  );
}
