import type { Command } from 'commander';

export interface RunFlags {
  json: boolean;
  forceTrain: boolean;
  wait: boolean;
  crm?: string;
  config?: string;
}

/** `crm-ml run`: one pipeline run against the configured HubSpot portal or Salesforce org. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('sync, train when due, score and write back for the configured connection')
    .option('--json', 'print one JSON object with the summary', false)
    .option('--force-train', 'train a new model even when the latest one is fresh', false)
    .option('--wait', 'with REDIS_URL: wait for the queued run and print its summary', false)
    .option('--crm <crm>', 'hubspot or salesforce, when both are configured')
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: RunFlags) => {
      const { runRun } = await import('./run-action.js');
      await runRun(flags);
    });
}
