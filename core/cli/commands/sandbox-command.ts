import type { Command } from 'commander';
import * as hubspot from '../../../connectors/hubspot/sandbox/index.js';
import * as salesforce from '../../../connectors/salesforce/sandbox/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parsePort } from '../cli-options.js';
import { printError, printResult } from '../output.js';

interface SandboxFlags {
  json: boolean;
  port: string;
  seed?: string;
  faults: string;
  token: string;
}

/** What the command needs from one CRM's sandbox. */
interface SandboxKind {
  label: string;
  description: string;
  start(options: { port: number; faults: number; accessToken: string }): Promise<RunningSandbox>;
  /** Seeds the CRM's customer object from a CSV; returns the created ids. */
  seed(sandbox: RunningSandbox, csvPath: string): Promise<string[]>;
}

interface RunningSandbox {
  readonly url: string;
  close(): Promise<void>;
}

const KINDS: Record<string, SandboxKind> = {
  hubspot: {
    label: 'HubSpot',
    description: 'serve the HubSpot CRM v3 API subset crm-ml uses, seeded from a CSV',
    start: (options) => hubspot.startHubSpotSandbox(options),
    seed: (sandbox, path) =>
      hubspot.seedFromCsv(sandbox as hubspot.HubSpotSandbox, 'contacts', path),
  },
  salesforce: {
    label: 'Salesforce',
    description: 'serve the Salesforce REST, Bulk 2.0 and Tooling subset crm-ml uses',
    start: (options) => salesforce.startSalesforceSandbox(options),
    seed: (sandbox, path) =>
      salesforce.seedFromCsv(sandbox as salesforce.SalesforceSandbox, 'Contact', path),
  },
};

/** `crm-ml sandbox hubspot|salesforce`: a local CRM API for connector work and demos. */
export function registerSandboxCommand(program: Command): void {
  const group = program.command('sandbox').description('run a local CRM sandbox');

  for (const [name, kind] of Object.entries(KINDS)) {
    group
      .command(name)
      .description(kind.description)
      .option('--json', 'print one JSON object with the url once listening', false)
      .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
      .option('--seed <telco|file>', 'seed customers from the Telco data or a CSV file')
      .option('--faults <rate>', 'share of requests answered with 429/5xx/timeouts', '0')
      .option('--token <token>', 'the access token the sandbox accepts', 'sandbox-token')
      .action(async (flags: SandboxFlags) => {
        try {
          const url = await serve(kind, flags);
          const result = { url, token: flags.token };
          printResult(
            flags,
            result,
            () => `${kind.label} sandbox on ${url} (token ${flags.token})`,
          );
        } catch (error) {
          printError(flags, error);
        }
      });
  }
}

async function serve(kind: SandboxKind, flags: SandboxFlags): Promise<string> {
  const faults = Number(flags.faults);
  const port = parsePort('--port', flags.port);
  if (!(faults >= 0 && faults <= 1)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--faults must be between 0 and 1, got '${flags.faults}'`,
    );
  }

  const sandbox = await kind.start({ port, faults, accessToken: flags.token });
  if (flags.seed) {
    const path = flags.seed === 'telco' ? hubspot.TELCO_SEED_PATH : flags.seed;
    try {
      const ids = await kind.seed(sandbox, path);
      process.stderr.write(`seeded ${ids.length} customers from ${path}\n`);
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
