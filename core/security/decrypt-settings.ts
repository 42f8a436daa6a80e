import type { Json } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { loadEncryptionKeyring, type EncryptionKeyring } from './encryption-keyring.js';
import { isSealed, openSealed } from './secret-box.js';

let environmentKeyring: EncryptionKeyring | undefined | null = null;

// Read once: configuration is parsed at startup, and re-reading the environment per
// connection would let a half-changed environment decrypt with a different key.
function keyringFromEnvironment(): EncryptionKeyring | undefined {
  if (environmentKeyring === null) environmentKeyring = loadEncryptionKeyring(process.env);
  return environmentKeyring;
}

/**
 * Connection settings with every sealed part decrypted; plain settings come back unchanged.
 * Without a `keyring` it uses CRM_ML_ENCRYPTION_KEY / CRM_ML_ENCRYPTION_KEYS_OLD.
 */
export function decryptSettings(settings: Json, keyring?: EncryptionKeyring): Json {
  if (isSealed(settings)) {
    const ring = keyring ?? keyringFromEnvironment();
    if (!ring) {
      throw new CrmMlError(
        'encryption_key_missing',
        'connection settings are encrypted but CRM_ML_ENCRYPTION_KEY is not set',
      );
    }
    return openSealed(settings, ring);
  }
  if (Array.isArray(settings)) return settings.map((item) => decryptSettings(item, keyring));
  if (typeof settings === 'object' && settings !== null) {
    const entries = Object.entries(settings).map(([k, v]) => [k, decryptSettings(v, keyring)]);
    return Object.fromEntries(entries) as Json;
  }
  return settings;
}
