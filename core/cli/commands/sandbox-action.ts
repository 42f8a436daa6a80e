import * as hubspot from '../../../connectors/hubspot/sandbox/index.js';
import * as salesforce from '../../../connectors/salesforce/sandbox/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parsePort } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import { SANDBOX_KINDS, type SandboxFlags, type SandboxName } from './sandbox-command.js';

/** What the command needs from one CRM's sandbox. */
interface SandboxKind {
  start(options: { port: number; faults: number; accessToken: string }): Promise<RunningSandbox>;
  /** Seeds the CRM's customer object from a CSV; returns the created ids. */
  seed(sandbox: RunningSandbox, csvPath: string): Promise<string[]>;
}

interface RunningSandbox {
  readonly url: string;
  close(): Promise<void>;
}

const KINDS: Record<SandboxName, SandboxKind> = {
  hubspot: {
    start: (options) => hubspot.startHubSpotSandbox(options),
    seed: (sandbox, path) =>
      hubspot.seedFromCsv(sandbox as hubspot.HubSpotSandbox, 'contacts', path),
  },
  salesforce: {
    start: (options) => salesforce.startSalesforceSandbox(options),
    seed: (sandbox, path) =>
      salesforce.seedFromCsv(sandbox as salesforce.SalesforceSandbox, 'Contact', path),
  },
};

/** What `sandbox <name>` does once commander has parsed its flags. */
export async function runSandbox(name: SandboxName, flags: SandboxFlags): Promise<void> {
  try {
    const url = await serve(KINDS[name], flags);
    const result = { url, token: flags.token };
    const { label } = SANDBOX_KINDS[name];
    printResult(flags, result, () => `${label} sandbox on ${url} (token ${flags.token})`);
  } catch (error) {
    printError(flags, error);
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
