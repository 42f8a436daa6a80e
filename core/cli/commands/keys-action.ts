import { loadConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { API_SCOPES, isApiScope } from '../../security/api-scope.js';
import { generateApiKey } from '../../security/api-key-token.js';
import { loadEncryptionKeyring } from '../../security/encryption-keyring.js';
import { rotateEncryption } from '../../security/rotate-encryption.js';
import type { Store } from '../../store/index.js';
import { printError, printResult } from '../output.js';
import type { CommonFlags, CreateFlags, ListFlags } from './keys-command.js';

// Opens the configured store for one command and always closes it; errors print the usual way.
async function withStore(flags: CommonFlags, work: (store: Store) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
    const store = await openConfiguredStore(config);
    try {
      await work(store);
    } finally {
      await store.close();
    }
  } catch (error) {
    printError(flags, error);
  }
}

/** `keys create`: a new key for a tenant, shown once. */
export function createApiKey(flags: CreateFlags): Promise<void> {
  return withStore(flags, async (store) => {
    if (!isApiScope(flags.scope)) {
      throw new CrmMlError('cli_invalid_option', `--scope must be ${API_SCOPES.join('|')}`);
    }
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(flags.tenant)) {
      throw new CrmMlError('cli_invalid_option', '--tenant must be 1–64 of A-Z a-z 0-9 _ . -');
    }
    await store.tenants.ensure(flags.tenant);
    const key = generateApiKey();
    await store.apiKeys.create({
      id: key.id,
      tenantId: flags.tenant,
      scope: flags.scope,
      hash: key.hash,
      label: flags.label ?? '',
    });
    const result = { id: key.id, tenant: flags.tenant, scope: flags.scope, key: key.token };
    printResult(flags, result, () =>
      [
        `API key ${key.id} for tenant ${flags.tenant} (scope ${flags.scope}):`,
        key.token,
        'Store it now: it is not shown again.',
      ].join('\n'),
    );
  });
}

/** `keys list`: the keys, never their secrets. */
export function listApiKeys(flags: ListFlags): Promise<void> {
  return withStore(flags, async (store) => {
    const list = (await store.apiKeys.list(flags.tenant)).map(({ hash: _hash, ...rest }) => rest);
    printResult(flags, { keys: list }, () =>
      list.length === 0
        ? 'no API keys'
        : list
            .map(
              (k) =>
                `${k.id}  ${k.tenantId}  ${k.scope}  created ${k.createdAt}` +
                (k.revokedAt ? `  revoked ${k.revokedAt}` : ''),
            )
            .join('\n'),
    );
  });
}

/** `keys revoke <id>`. */
export function revokeApiKey(id: string, flags: CommonFlags): Promise<void> {
  return withStore(flags, async (store) => {
    if (!(await store.apiKeys.revoke(id))) {
      throw new CrmMlError('api_key_not_found', `no live API key ${id}`);
    }
    printResult(flags, { revoked: id }, () => `revoked ${id}`);
  });
}

/** `keys rotate-encryption`: stored CRM credentials under the current key. */
export function rotateSecretsEncryption(flags: CommonFlags): Promise<void> {
  return withStore(flags, async (store) => {
    const keyring = loadEncryptionKeyring(process.env);
    if (!keyring) {
      throw new CrmMlError('encryption_key_missing', 'set CRM_ML_ENCRYPTION_KEY first');
    }
    const result = await rotateEncryption(store, keyring);
    printResult(
      flags,
      { ...result, key_id: keyring.current.id },
      () => `re-encrypted ${result.rotated} of ${result.connections} connections`,
    );
  });
}
