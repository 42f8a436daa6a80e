import type { Command } from 'commander';
import { CONFIGURABLE_CRMS } from '../../runtime/configurable-crms.js';

export interface UninstallFlags {
  json: boolean;
  crm?: string;
  config?: string;
}

/** `crm-ml uninstall`: removes every field crm-ml provisions from the configured CRM. */
export function registerUninstallCommand(program: Command): void {
  program
    .command('uninstall')
    .description("remove crm-ml's own fields from the configured CRM (safe to repeat)")
    .option('--crm <crm>', `which configured CRM: ${CONFIGURABLE_CRMS.join(' or ')}`)
    .option('--json', 'print one JSON object with what was removed', false)
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: UninstallFlags) => {
      const { runUninstall } = await import('./uninstall-action.js');
      await runUninstall(flags);
    });
}
