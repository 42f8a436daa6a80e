import type { Command } from 'commander';

export interface DoctorFlags {
  json: boolean;
  config?: string;
}

/** `crm-ml doctor`: checks the store and Redis and prints the configuration, secrets masked. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the database and Redis, and show the configuration (secrets masked)')
    .option('--json', 'print one JSON object', false)
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: DoctorFlags) => {
      const { runDoctor } = await import('./doctor-action.js');
      await runDoctor(flags);
    });
}
