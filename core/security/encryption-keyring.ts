import { createHash } from 'node:crypto';

import { CrmMlError } from '../errors/crm-ml-error.js';

/** One AES-256 key and the short id stored beside everything it encrypts. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The key that encrypts now, and every key that may still decrypt (rotation). */
export interface EncryptionKeyring {
  readonly current: EncryptionKey;
  /** Current and old keys by id. */
  readonly byId: ReadonlyMap<string, EncryptionKey>;
}

const KEY_BYTES = 32;

// The id is derived from the key itself, so operators configure keys only, never key ids, and
// the same key always gets the same id on every process.
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function parseKey(base64: string, variable: string): EncryptionKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== base64.trim()) {
    throw new CrmMlError(
      'encryption_key_invalid',
      `${variable} must be ${KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
      { details: [{ path: variable, message: `must be ${KEY_BYTES} bytes in base64` }] },
    );
  }
  return { id: keyId(key), key };
}

/**
 * Reads CRM_ML_ENCRYPTION_KEY (the current key) and CRM_ML_ENCRYPTION_KEYS_OLD (comma
 * separated, still accepted for decryption) into a keyring; undefined when no key is set.
 */
export function loadEncryptionKeyring(
  env: Readonly<Record<string, string | undefined>>,
): EncryptionKeyring | undefined {
  const current = env['CRM_ML_ENCRYPTION_KEY'];
  if (current === undefined || current.trim() === '') return undefined;

  const keys = [parseKey(current, 'CRM_ML_ENCRYPTION_KEY')];
  const old = env['CRM_ML_ENCRYPTION_KEYS_OLD'] ?? '';
  for (const part of old.split(',').filter((text) => text.trim() !== '')) {
    keys.push(parseKey(part, 'CRM_ML_ENCRYPTION_KEYS_OLD'));
  }
  return createKeyring(keys);
}

/** A keyring from keys, the first of which encrypts. */
export function createKeyring(keys: readonly EncryptionKey[]): EncryptionKeyring {
  const [current] = keys;
  if (!current) throw new CrmMlError('encryption_key_missing', 'a keyring needs a key');
  return { current, byId: new Map(keys.map((key) => [key.id, key])) };
}

/** A key from raw bytes, with its derived id (tests and key generation). */
export function encryptionKeyFromBytes(key: Buffer): EncryptionKey {
  return parseKey(key.toString('base64'), 'key');
}
