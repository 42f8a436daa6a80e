import { readFileSync } from 'node:fs';

import { Command, CommanderError } from 'commander';
import { shippedFile } from '../config/package-root.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerKeysCommand } from './commands/keys-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSandboxCommand } from './commands/sandbox-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerSynthCommand } from './commands/synth-command.js';
import { registerUninstallCommand } from './commands/uninstall-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';
import { cliLogLevel } from './cli-log-level.js';
import { printError } from './output.js';

/** The `crm-ml` command line. Results go to stdout; progress, logs and errors to stderr. */
export async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const program = new Command()
    .name('crm-ml')
    .description('Machine learning for the CRMs people already use')
    .version(packageVersion())
    .option('--verbose', 'log every step (JSON lines on stderr)', false)
    .hook('preAction', async (command, actionCommand) => {
      // Logs only when asked (services: warnings), so progress bars and summaries stay legible.
      // pino loads here, not at start-up: `--help` and usage errors need no logger. Loading it
      // first also drops a LOG_LEVEL it cannot use (with a warning), so the default applies.
      const { rootLogger } = await import('../logging/logger.js');
      if (process.env['LOG_LEVEL']) return;
      rootLogger.level = cliLogLevel(command, actionCommand);
      // Child processes (a worker's training child) build their own logger from LOG_LEVEL,
      // else at pino's `info`; `doctor` reports the level from it too.
      process.env['LOG_LEVEL'] = rootLogger.level;
    });
  // Usage mistakes (a missing option, an unknown command) are reported like every other
  // error, with the stable code `cli_usage` (with --json, as JSON); commander only throws them.
  // Subcommands inherit both settings from here.
  program.exitOverride();
  if (json) program.configureOutput({ writeErr: () => undefined });
  else program.configureOutput({ outputError: () => undefined });

  registerDemoCommand(program);
  registerRunCommand(program);
  registerEvalCommand(program);
  registerSandboxCommand(program);
  registerSynthCommand(program);
  registerWorkerCommand(program);
  registerStatusCommand(program);
  registerDoctorCommand(program);
  registerServeCommand(program);
  registerKeysCommand(program);
  registerUninstallCommand(program);

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return; // --help and --version
    // A command that needs a subcommand printed its help to stderr as the answer.
    if (error.code === 'commander.help' && !json) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = error.message.replace(/^error: /, '');
    printError({ json }, new CrmMlError('cli_usage', message, { details: [] }));
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(shippedFile('package.json'), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? 'unknown';
}
