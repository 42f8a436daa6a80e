import type { Command } from 'commander';

// Long-running services whose log is what an operator reads; one-shot commands print results.
const SERVICE_COMMANDS = new Set(['serve', 'worker', 'sandbox']);

/**
 * The log level of a CLI command without LOG_LEVEL: `info` with --verbose; otherwise `warn` for
 * services and `silent` for one-shot commands, whose failures are printed as errors and whose
 * progress goes to stderr, so no JSON log line or stack lands between them.
 */
export function cliLogLevel(program: Command, action: Command): string {
  if (program.opts<{ verbose: boolean }>().verbose) return 'info';
  return SERVICE_COMMANDS.has(action.name()) ? 'warn' : 'silent';
}
