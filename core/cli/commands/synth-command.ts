import type { Command } from 'commander';
import { DEFAULT_BUYER_SHARE, DEFAULT_NOTE_SHARE } from '../../synthetic/synthesis-defaults.js';

export interface SynthFlags {
  json: boolean;
  from: string;
  customers: string;
  out: string;
  seed: string;
  buyerShare: string;
  noteShare: string;
  asOf?: string;
  into?: string;
  port: string;
  token: string;
}

/** `crm-ml synth`: privacy-safe synthetic customers (and orders, notes) for a sandbox. */
export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description('learn a customer table and write synthetic customers, orders and notes as CSV')
    .requiredOption('--from <csv>', 'the customer CSV to learn from')
    .requiredOption('--customers <n>', 'how many customers to generate')
    .requiredOption('--out <dir>', 'folder for customers.csv, orders.csv and notes.csv')
    .option('--seed <n>', 'random seed (same seed, same files)', '42')
    .option('--buyer-share <0-1>', 'share of customers with orders', String(DEFAULT_BUYER_SHARE))
    .option('--note-share <0-1>', 'share of customers with notes', String(DEFAULT_NOTE_SHARE))
    .option('--as-of <date>', 'orders end and notes are dated up to this day (default today)')
    .option('--into <target>', 'then serve them from a local CRM sandbox: hubspot-sandbox')
    .option('--port <n>', 'port of the --into sandbox (0 picks a free one)', '0')
    .option('--token <token>', 'the access token the --into sandbox accepts', 'sandbox-token')
    .option('--json', 'print one JSON object with what was written', false)
    .action(async (flags: SynthFlags) => {
      const { runSynth } = await import('./synth-action.js');
      await runSynth(flags);
    });
}
