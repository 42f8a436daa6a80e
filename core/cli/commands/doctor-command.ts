import type { Command } from 'commander';

export interface DoctorFlags {
  json: boolean;
  crm?: string;
  config?: string;
}

/**
 * `crm-ml doctor`: checks the configuration as `crm-ml run` does, the store and Redis, and
 * prints the configuration, secrets masked.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, database and Redis; show the configuration (masked)')
    .option('--json', 'print one JSON object', false)
    .option('--crm <crm>', 'check the run configuration of hubspot or salesforce only')
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: DoctorFlags) => {
      const { runDoctor } = await import('./doctor-action.js');
      await runDoctor(flags);
    });
}
