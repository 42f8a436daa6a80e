import { createApiStack, type ApiStackOptions } from '../../api/create-api-stack.js';
import { loadConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { configuredPlugins } from '../../runtime/default-registries.js';
import { createLogger } from '../../logging/logger.js';
import { loadEncryptionKeyring } from '../../security/encryption-keyring.js';
import { parsePort } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { ServeFlags } from './serve-command.js';

const logger = createLogger('api');

/** What `serve` does once commander has parsed its flags. */
export async function runServe(flags: ServeFlags): Promise<void> {
  try {
    const port = parsePort('--port', flags.port);
    const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
    // Credentials arrive through the API, so there must be a key to encrypt them with.
    const keyring = loadEncryptionKeyring(process.env);
    if (!keyring) {
      throw new CrmMlError(
        'encryption_key_missing',
        'set CRM_ML_ENCRYPTION_KEY (base64 of 32 random bytes) before serving the API',
      );
    }

    const plugins = await configuredPlugins(config);
    const store = await openConfiguredStore(config);
    const clientSecret = config.hubspot.oauth?.clientSecret ?? process.env['HUBSPOT_CLIENT_SECRET'];
    const publicUrl = process.env['CRM_ML_PUBLIC_URL'];
    const stack = await createApiStack({
      store,
      keyring,
      seed: config.seed,
      driftPsi: config.driftPsi,
      ...(config.scoreThreads === undefined ? {} : { scoreThreads: config.scoreThreads }),
      plugins,
      listen: { port, host: flags.host },
      ...(clientSecret
        ? { hubspotCard: { clientSecret, ...(publicUrl ? { publicUrl } : {}) } }
        : {}),
      inbound: inboundHooks(process.env, clientSecret, publicUrl),
      // The same queues `crm-ml run` and `crm-ml worker` use.
      ...(config.redisUrl
        ? { queue: { redisUrl: config.redisUrl, prefix: config.queuePrefix } }
        : {}),
    }).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    printResult(
      flags,
      { url: stack.url, docs: `${stack.url}/docs` },
      () => `crm-ml API on ${stack.url} (docs at ${stack.url}/docs)`,
    );

    const stop = async (): Promise<void> => {
      logger.info('api stopping');
      await stack.close();
      await store.close();
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  } catch (error) {
    printError(flags, error);
  }
}

/**
 * Which inbound CRM webhooks to accept, from the environment: HubSpot's need the app's client
 * secret and the public URL HubSpot calls (events find their connection by portal id);
 * Salesforce's the org id and connection
 * (`CRM_ML_HOOKS_SALESFORCE_ORG`, `CRM_ML_HOOKS_SALESFORCE_CONNECTION`, and optionally
 * `CRM_ML_HOOKS_SALESFORCE_TOKEN`, the `?token=` the endpoint URL must carry).
 */
function inboundHooks(
  env: NodeJS.ProcessEnv,
  clientSecret: string | undefined,
  publicUrl: string | undefined,
): NonNullable<ApiStackOptions['inbound']> {
  const salesforceOrg = env['CRM_ML_HOOKS_SALESFORCE_ORG'];
  const salesforceConnection = env['CRM_ML_HOOKS_SALESFORCE_CONNECTION'];
  const salesforceToken = env['CRM_ML_HOOKS_SALESFORCE_TOKEN'];
  return {
    ...(clientSecret && publicUrl ? { hubspot: { clientSecret, publicBaseUrl: publicUrl } } : {}),
    ...(salesforceOrg && salesforceConnection
      ? {
          salesforce: {
            orgId: salesforceOrg,
            connectionId: salesforceConnection,
            ...(salesforceToken ? { token: salesforceToken } : {}),
          },
        }
      : {}),
  };
}
