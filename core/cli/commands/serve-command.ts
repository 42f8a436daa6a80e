import type { Command } from 'commander';

export interface ServeFlags {
  json: boolean;
  port: string;
  host: string;
  config?: string;
}

/** `crm-ml serve`: the REST API over the configured store, until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (docs at /docs)')
    .option('--json', 'print one JSON object with the url once listening', false)
    .option('--port <port>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: ServeFlags) => {
      const { runServe } = await import('./serve-action.js');
      await runServe(flags);
    });
}
