import type { Command } from 'commander';
import { API_SCOPES } from '../../security/api-scope.js';

export interface CommonFlags {
  json: boolean;
  config?: string;
}

export interface CreateFlags extends CommonFlags {
  tenant: string;
  scope: string;
  label?: string;
}

export interface ListFlags extends CommonFlags {
  tenant?: string;
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'print one JSON object', false)
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment');
}

/** `crm-ml keys`: API keys (create, list, revoke) and re-encryption of stored secrets. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys and the encryption of secrets');

  withCommonOptions(keys.command('create'))
    .description('create an API key for a tenant; the key is shown once')
    .requiredOption('--tenant <tenant>', 'the tenant the key belongs to')
    .requiredOption('--scope <scope>', `one of ${API_SCOPES.join(', ')}`)
    .option('--label <label>', 'what the key is for')
    .action(async (flags: CreateFlags) => {
      const { createApiKey } = await import('./keys-action.js');
      await createApiKey(flags);
    });

  withCommonOptions(keys.command('list'))
    .description('list API keys (never the keys themselves)')
    .option('--tenant <tenant>', 'only this tenant')
    .action(async (flags: ListFlags) => {
      const { listApiKeys } = await import('./keys-action.js');
      await listApiKeys(flags);
    });

  withCommonOptions(keys.command('revoke'))
    .description('revoke an API key')
    .argument('<id>', 'the key id')
    .action(async (id: string, flags: CommonFlags) => {
      const { revokeApiKey } = await import('./keys-action.js');
      await revokeApiKey(id, flags);
    });

  withCommonOptions(keys.command('rotate-encryption'))
    .description('re-encrypt stored CRM credentials with CRM_ML_ENCRYPTION_KEY')
    .action(async (flags: CommonFlags) => {
      const { rotateSecretsEncryption } = await import('./keys-action.js');
      await rotateSecretsEncryption(flags);
    });
}
