import { CrmMlError } from '../../errors/crm-ml-error.js';
import { synthesize, type SynthesizeResult } from '../../synthetic/synthesize.js';
import { seedHubSpotSandbox } from '../../synthetic/seed-hubspot-sandbox.js';
import { parsePort, parsePositiveInteger, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';
import type { SynthFlags } from './synth-command.js';

/** Where `--into` can seed the files: the local HubSpot sandbox the demo uses. */
const INTO_TARGETS = ['hubspot-sandbox'] as const;

/** What `synth` does once commander has parsed its flags. */
export async function runSynth(flags: SynthFlags): Promise<void> {
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
