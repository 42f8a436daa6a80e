import type { Json } from '../../plugins/plugin.js';
import type { Store } from '../store/index.js';
import type { EncryptionKeyring } from './encryption-keyring.js';
import { isSealed, openSealed, sealJson } from './secret-box.js';

/** What a rotation pass did. */
export interface RotationResult {
  connections: number;
  /** Connections whose secrets were sealed again with the current key. */
  rotated: number;
}

// Seals every sealed part again with the current key; `changed` reports whether any was old.
function reseal(value: Json, keyring: EncryptionKeyring, changed: { any: boolean }): Json {
  if (isSealed(value)) {
    if (value.$sealed.kid === keyring.current.id) return value;
    changed.any = true;
    return sealJson(openSealed(value, keyring), keyring) as unknown as Json;
  }
  if (Array.isArray(value)) return value.map((item) => reseal(item, keyring, changed));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, reseal(v, keyring, changed)]);
    return Object.fromEntries(entries) as Json;
  }
  return value;
}

/**
 * Re-encrypts every stored connection secret with the keyring's current key, so an old key
 * can then leave CRM_ML_ENCRYPTION_KEYS_OLD. Safe to run again: current secrets are skipped.
 */
export async function rotateEncryption(
  store: Store,
  keyring: EncryptionKeyring,
): Promise<RotationResult> {
  const connections = await store.connections.list();
  let rotated = 0;

  for (const connection of connections) {
    const changed = { any: false };
    const settings = reseal(connection.settings, keyring, changed);
    if (!changed.any) continue;

    await store.connections.upsert({ ...connection, settings });
    rotated += 1;
  }

  return { connections: connections.length, rotated };
}
