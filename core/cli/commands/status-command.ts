import type { Command } from 'commander';

export interface StatusFlags {
  json: boolean;
  prefix?: string;
  config?: string;
}

/** `crm-ml status`: each connection's last run and backlog, and the queues when Redis is set. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('last run per connection, write-back backlog, queue depths and failures')
    .option('--json', 'print one JSON object', false)
    .option('--prefix <prefix>', 'Redis key prefix of the queues (default CRM_ML_QUEUE_PREFIX)')
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: StatusFlags) => {
      const { runStatus } = await import('./status-action.js');
      await runStatus(flags);
    });
}
