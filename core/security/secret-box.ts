import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { Json } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import type { EncryptionKeyring } from './encryption-keyring.js';

/** A JSON value sealed with AES-256-GCM, as stored: every part base64, with the key id. */
export interface SealedValue {
  $sealed: { v: 1; kid: string; iv: string; tag: string; data: string };
}

// 96-bit nonces are what GCM is specified for; a random one per message is safe at our volume.
const IV_BYTES = 12;

// The additional data ties a ciphertext to this format, so a blob from elsewhere never decrypts.
const AAD = Buffer.from('crm-ml.sealed.v1');

/** True when `value` is a sealed value (as opposed to plain settings). */
export function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || !('$sealed' in value)) return false;
  const sealed = (value as { $sealed: unknown }).$sealed;
  return typeof sealed === 'object' && sealed !== null && 'kid' in sealed && 'data' in sealed;
}

/** Encrypts a JSON value with the keyring's current key. */
export function sealJson(value: Json, keyring: EncryptionKeyring): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);

  return {
    $sealed: {
      v: 1,
      kid: keyring.current.id,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    },
  };
}

/** Decrypts a sealed value with whichever key of the keyring sealed it. */
export function openSealed(sealed: SealedValue, keyring: EncryptionKeyring): Json {
  const { kid, iv, tag, data } = sealed.$sealed;
  const key = keyring.byId.get(kid);
  if (!key) {
    throw new CrmMlError(
      'encryption_key_unknown',
      `a secret was encrypted with key ${kid}, which is neither CRM_ML_ENCRYPTION_KEY ` +
        'nor in CRM_ML_ENCRYPTION_KEYS_OLD',
    );
  }

  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Json;
  } catch (error) {
    // GCM refuses tampered data; the cause stays out of the message, which may be shown.
    throw new CrmMlError(
      'encryption_decrypt_failed',
      `a secret sealed with key ${kid} is corrupt`,
      {
        cause: error,
      },
    );
  }
}
