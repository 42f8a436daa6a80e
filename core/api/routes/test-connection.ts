import type { components } from '../../../openapi/crm-ml.js';
import type { Json } from '../../../plugins/plugin.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { createLogger } from '../../logging/logger.js';
import { decryptSettings } from '../../security/decrypt-settings.js';
import { assertCrmUrlsAllowed } from '../../security/crm-url-guard.js';
import type { Connection } from '../../store/index.js';
import type { ApiContext } from '../api-context.js';
import { safeError } from '../safe-error.js';

type ConnectionTest = components['schemas']['ConnectionTest'];

const logger = createLogger('api.connections');

// A CRM that does not answer within this is reported as failing, not waited on.
const TEST_TIMEOUT_MS = 15_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new CrmMlError('connection_test_timeout', 'the CRM did not answer in time')),
      TEST_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Asks the CRM how many records of its first object type it holds, with the stored credentials. */
export async function testConnection(
  context: ApiContext,
  connection: Connection,
): Promise<ConnectionTest> {
  const settings = decryptSettings(connection.settings, context.keyring) as { connector?: Json };
  try {
    // Checked again at connect time: the host's DNS answer may have changed since creation.
    const connectorSettings = settings.connector ?? null;
    await assertCrmUrlsAllowed(
      connectorSettings,
      { allowPrivate: context.allowPrivateCrmUrls },
      'credentials',
    );
    const connector = context.connectors.create(connection.crm, connectorSettings);
    try {
      const counts: Record<string, number> = {};
      const objectType = connector.descriptor.objectTypes[0];
      if (objectType !== undefined) {
        counts[objectType] = await withTimeout(connector.count(objectType));
      }
      return { ok: true, counts, error: null };
    } finally {
      await connector.close?.();
    }
  } catch (error) {
    logger.info({ connectionId: connection.id, err: safeError(error) }, 'connection test failed');
    return { ok: false, counts: {}, error: tenantFacing(error) };
  }
}

// Errors raised here, before any request, whose messages quote only the tenant's own input.
const LOCAL_CODES = new Set(['crm_url_forbidden', 'connection_settings_invalid']);

/**
 * The code and a fixed message for the tenant. A CRM error's message quotes the server's
 * answer, and that server may be one the tenant should not read (an internal service behind
 * a URL that passed the checks): the detail goes to the log only.
 */
function tenantFacing(error: unknown): { code: string; message: string } {
  if (!(error instanceof CrmMlError)) {
    return { code: 'connection_test_failed', message: 'the CRM refused or failed the request' };
  }
  if (LOCAL_CODES.has(error.code)) return { code: error.code, message: error.message };
  if (error.code === 'connection_test_timeout') {
    return { code: error.code, message: 'the CRM did not answer in time' };
  }
  return {
    code: error.code,
    message: error.retryable
      ? 'the CRM failed or could not be reached; try again later'
      : 'the CRM refused the request; check the credentials and the CRM URL',
  };
}
