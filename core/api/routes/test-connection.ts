import type { components } from '../../../openapi/crm-ml.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { createLogger } from '../../logging/logger.js';
import { decryptSettings } from '../../security/decrypt-settings.js';
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
  const settings = decryptSettings(connection.settings, context.keyring) as { connector?: unknown };
  try {
    const connector = context.connectors.create(
      connection.crm,
      (settings.connector ?? null) as never,
    );
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
    // Only our own errors are described: a library's message may quote the request.
    const known = error instanceof CrmMlError;
    return {
      ok: false,
      counts: {},
      error: {
        code: known ? error.code : 'connection_test_failed',
        message: known ? error.message : 'the CRM refused or failed the request',
      },
    };
  }
}
