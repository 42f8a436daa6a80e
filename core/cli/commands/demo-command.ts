import type { Command } from 'commander';
import { DEMO_CRMS } from '../../demo/demo-crm.js';

export interface DemoFlags {
  json: boolean;
  port: string;
  keep: boolean;
  crm: string;
}

/**
 * `crm-ml demo`: the whole loop on real data. Starts a HubSpot or Salesforce sandbox seeded
 * with the IBM Telco customers, Online Retail orders and UCI sentences as notes linked to
 * them, then sync → provision → train → score → write-back of churn, segments,
 * recommendations and sentiment into a fresh store. Both CRMs give the same figures.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole loop against a local CRM sandbox seeded with real data')
    .option('--crm <crm>', `the CRM sandbox to run against: ${DEMO_CRMS.join(' or ')}`, 'hubspot')
    .option('--json', 'print one JSON object with the summary', false)
    .option('--port <n>', 'sandbox port (0 picks a free one)', '0')
    .option('--keep', 'keep the sandbox running afterwards, to look at the records', false)
    .action(async (flags: DemoFlags) => {
      const { runDemoCommand } = await import('./demo-action.js');
      await runDemoCommand(flags);
    });
}
