import { CrmMlError } from '../errors/crm-ml-error.js';
import { loadEncryptionKeyring, type EncryptionKeyring } from './encryption-keyring.js';

/**
 * The keyring from CRM_ML_ENCRYPTION_KEY, which a queued run needs: it stores the CRM token
 * for the workers, encrypted. Throws `encryption_key_missing` when the key is not set and
 * `encryption_key_invalid` when it is not 32 bytes in base64.
 */
export function requireEncryptionKeyring(
  env: Readonly<Record<string, string | undefined>>,
): EncryptionKeyring {
  const keyring = loadEncryptionKeyring(env);
  if (keyring) return keyring;
  throw new CrmMlError(
    'encryption_key_missing',
    'set CRM_ML_ENCRYPTION_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) on ' +
      'this machine and on the workers: a queued run stores the CRM token for them, encrypted',
    { details: [{ path: 'CRM_ML_ENCRYPTION_KEY', message: 'is not set' }] },
  );
}
