import type { Command } from 'commander';

export interface SandboxFlags {
  json: boolean;
  port: string;
  seed?: string;
  faults: string;
  token: string;
}

/** The sandboxes there are, as their help and output name them. */
export const SANDBOX_KINDS = {
  hubspot: {
    label: 'HubSpot',
    description: 'serve the HubSpot CRM v3 API subset crm-ml uses, seeded from a CSV',
  },
  salesforce: {
    label: 'Salesforce',
    description: 'serve the Salesforce REST, Bulk 2.0 and Tooling subset crm-ml uses',
  },
} as const;

export type SandboxName = keyof typeof SANDBOX_KINDS;

/** `crm-ml sandbox hubspot|salesforce`: a local CRM API for connector work and demos. */
export function registerSandboxCommand(program: Command): void {
  const group = program.command('sandbox').description('run a local CRM sandbox');

  for (const name of Object.keys(SANDBOX_KINDS) as SandboxName[]) {
    group
      .command(name)
      .description(SANDBOX_KINDS[name].description)
      .option('--json', 'print one JSON object with the url once listening', false)
      .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
      .option('--seed <telco|file>', 'seed customers from the Telco data or a CSV file')
      .option('--faults <rate>', 'share of requests answered with 429/5xx/timeouts', '0')
      .option('--token <token>', 'the access token the sandbox accepts', 'sandbox-token')
      .action(async (flags: SandboxFlags) => {
        const { runSandbox } = await import('./sandbox-action.js');
        await runSandbox(name, flags);
      });
  }
}
