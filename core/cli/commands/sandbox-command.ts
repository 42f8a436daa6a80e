import type { Command } from 'commander';
import {
  seedFromCsv,
  startHubSpotSandbox,
  TELCO_SEED_PATH,
} from '../../../connectors/hubspot/sandbox/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { printError, printResult } from '../output.js';

interface SandboxFlags {
  json: boolean;
  port: string;
  seed?: string;
  faults: string;
  token: string;
}

/** `crm-ml sandbox hubspot`: a local HubSpot API for connector work and demos. */
export function registerSandboxCommand(program: Command): void {
  const sandbox = program.command('sandbox').description('run a local CRM sandbox');

  sandbox
    .command('hubspot')
    .description('serve the HubSpot CRM v3 API subset crm-ml uses, seeded from a CSV')
    .option('--json', 'print one JSON object with the url once listening', false)
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--seed <telco|file>', 'seed contacts from the Telco data or a CSV file')
    .option('--faults <rate>', 'share of requests answered with 429/5xx/timeouts', '0')
    .option('--token <token>', 'the access token the sandbox accepts', 'sandbox-token')
    .action(async (flags: SandboxFlags) => {
      try {
        const url = await serve(flags);
        const result = { url, token: flags.token };
        printResult(flags, result, () => `HubSpot sandbox on ${url} (token ${flags.token})`);
      } catch (error) {
        printError(flags, error);
      }
    });
}

async function serve(flags: SandboxFlags): Promise<string> {
  const faults = Number(flags.faults);
  const port = Number(flags.port);
  if (!(faults >= 0 && faults <= 1)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--faults must be between 0 and 1, got '${flags.faults}'`,
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CrmMlError('cli_invalid_option', `--port must be a port number, got '${flags.port}'`);
  }

  const sandbox = await startHubSpotSandbox({ port, faults, accessToken: flags.token });
  if (flags.seed) {
    const path = flags.seed === 'telco' ? TELCO_SEED_PATH : flags.seed;
    try {
      const ids = await seedFromCsv(sandbox, 'contacts', path);
      process.stderr.write(`seeded ${ids.length} contacts from ${path}\n`);
    } catch (error) {
      await sandbox.close();
      throw error;
    }
  }
  const stop = (): void => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sandbox.url;
}
