import type { Command } from 'commander';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import {
  DEFAULT_BUYER_SHARE,
  DEFAULT_NOTE_SHARE,
  synthesize,
  type SynthesizeResult,
} from '../../synthetic/synthesize.js';
import { seedHubSpotSandbox } from '../../synthetic/seed-hubspot-sandbox.js';
import { parsePort, parsePositiveInteger, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';

interface SynthFlags {
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

/** Where `--into` can seed the files: the local HubSpot sandbox the demo uses. */
const INTO_TARGETS = ['hubspot-sandbox'] as const;

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
      const progress = createProgressReporter(!flags.json && process.stderr.isTTY);
      try {
        const into = parseInto(flags.into);
        const port = parsePort('--port', flags.port);
        const result = await synthesize({
          from: flags.from,
          customers: parsePositiveInteger('--customers', flags.customers),
          outDir: flags.out,
          seed: parseWholeNumber('--seed', flags.seed),
          buyerShare: parseShare('--buyer-share', flags.buyerShare),
          noteShare: parseShare('--note-share', flags.noteShare),
          asOf: parseAsOf(flags.asOf),
          progress: (done, total) => progress.update('synth', done, total),
        });
        progress.stop();
        if (into === undefined) {
          printResult(flags, result, () => describe(result));
          return;
        }
        const seeded = await seedHubSpotSandbox(result, result.key_column, {
          port,
          accessToken: flags.token,
        });
        const stop = (): void => void seeded.sandbox.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const { url } = seeded.sandbox;
        const { contacts, orders, notes } = seeded;
        const output = { ...result, sandbox: { url, token: flags.token, contacts, orders, notes } };
        printResult(
          flags,
          output,
          () =>
            `${describe(result)}\nHubSpot sandbox on ${url} (token ${flags.token}): ` +
            `${seeded.contacts} contacts, ${seeded.orders} orders, ${seeded.notes} notes; Ctrl-C stops it`,
        );
      } catch (error) {
        progress.stop();
        printError(flags, error);
      }
    });
}

function parseInto(value: string | undefined): (typeof INTO_TARGETS)[number] | undefined {
  if (value === undefined) return undefined;
  const target = INTO_TARGETS.find((candidate) => candidate === value);
  if (target === undefined) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--into must be one of ${INTO_TARGETS.join(', ')}, got '${value}'`,
    );
  }
  return target;
}

function parseShare(flag: string, value: string): number {
  const share = Number(value);
  if (value.trim() === '' || !(share >= 0 && share <= 1)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `${flag} must be a number from 0 to 1, got '${value}'`,
    );
  }
  return share;
}

function parseAsOf(value: string | undefined): Date {
  if (value === undefined) {
    const today = new Date();
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  }
  const time = Date.parse(value);
  if (!Number.isFinite(time)) {
    throw new CrmMlError(
      'cli_invalid_option',
      `--as-of must be a date (YYYY-MM-DD), got '${value}'`,
    );
  }
  return new Date(time);
}

function describe(result: SynthesizeResult): string {
  const lines = [
    `learned     ${result.learned_rows} rows (${result.skipped_rows.length} skipped)`,
    `customers   ${result.customers.rows} → ${result.customers.path}`,
  ];
  if (result.orders) {
    lines.push(
      `orders      ${result.orders.rows} lines of ${result.orders.buyers} buyers → ${result.orders.path}`,
    );
  }
  if (result.notes) {
    lines.push(
      `notes       ${result.notes.rows} on ${result.notes.customers} customers → ${result.notes.path}`,
    );
  }
  for (const warning of result.warnings)
    lines.push(`warning     [${warning.code}] ${warning.message}`);
  lines.push(`seconds     ${result.seconds.toFixed(1)}`);
  return lines.join('\n');
}
