import { writeFile } from 'node:fs/promises';
import {
  evaluateNextPurchase,
  fitSummaryRows,
  renderNextPurchaseSvg,
  type NextPurchaseEvaluation,
} from '../../../plugins/next-purchase/index.js';
import { readTable, WHITESPACE } from '../../csv/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parseTimestamp } from '../../ml/parse-timestamp.js';
import { assertWritableTarget, parseDelimiter, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalNextPurchaseFlags } from './eval-next-purchase-command.js';

/** What `eval next purchase` does once commander has parsed its flags. */
export async function runEvalNextPurchase(flags: EvalNextPurchaseFlags): Promise<void> {
  try {
    if (flags.frequency !== undefined || flags.recency !== undefined || flags.age !== undefined) {
      await fitSummary(flags);
      return;
    }
    if (flags.customer === undefined || flags.time === undefined) {
      throw new CrmMlError(
        'cli_invalid_option',
        '--customer and --time are required (or --frequency, --recency and --age for a summary table)',
      );
    }
    const { customer, time } = flags;
    const period = parsePeriod(flags);
    if (flags.plot) assertWritableTarget('--plot', flags.plot);
    const columns = [customer, time, flags.amount, flags.quantity, flags.price]
      .concat(flags.invoice)
      .filter((c): c is string => c !== undefined);
    const table = await readTable(flags.csv, {
      requiredColumns: columns,
      ...(flags.delimiter === undefined ? {} : { delimiter: delimiterOf(flags.delimiter) }),
    });
    if (table.inferred && table.delimiter === WHITESPACE) {
      process.stderr.write(
        `reading ${flags.csv} as whitespace-separated (its header has no commas)\n`,
      );
    }
    for (const problem of table.problems) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }

    const optional = (key: string, column: string | undefined) =>
      column === undefined ? {} : { [key]: column };
    const result = evaluateNextPurchase(table.rows, {
      fields: {
        customer,
        time,
        ...optional('amount', flags.amount),
        ...optional('quantity', flags.quantity),
        ...optional('price', flags.price),
        ...optional('invoice', flags.invoice),
      },
      ...period,
    });
    for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
    if (flags.plot) await writeFile(flags.plot, renderNextPurchaseSvg(result));
    const output = { ...result, malformed_rows: table.problems.length };
    printResult(flags, output, () => formatEvaluation(result));
  } catch (error) {
    printError(flags, error);
  }
}

// BG/NBD from a published (frequency, recency, T) table: parameters only, no holdout.
async function fitSummary(flags: EvalNextPurchaseFlags): Promise<void> {
  const { frequency, recency, age } = flags;
  if (frequency === undefined || recency === undefined || age === undefined) {
    throw new CrmMlError(
      'cli_invalid_option',
      'a summary table needs all of --frequency, --recency and --age',
    );
  }
  const table = await readTable(flags.csv, {
    requiredColumns: [frequency, recency, age],
    ...(flags.delimiter === undefined ? {} : { delimiter: delimiterOf(flags.delimiter) }),
  });
  const fit = fitSummaryRows(table.rows, { frequency, recency, age });
  const result = {
    customers: fit.customers,
    repeat_customers: fit.repeatCustomers,
    time_unit: 'the table’s',
    params: fit.params,
    log_likelihood: fit.logLikelihood,
    malformed_rows: table.problems.length,
  };
  const { r, alpha, a, b } = fit.params;
  printResult(
    flags,
    result,
    () =>
      `BG/NBD on ${fit.customers} customers: r ${r.toFixed(3)}, α ${alpha.toFixed(3)}, ` +
      `a ${a.toFixed(3)}, b ${b.toFixed(3)} (log-likelihood ${fit.logLikelihood.toFixed(1)})`,
  );
}

function parsePeriod(flags: EvalNextPurchaseFlags): {
  calibrationEnd?: number;
  holdoutDays?: number;
} {
  if (flags.calibrationEnd !== undefined && flags.holdoutDays !== undefined) {
    throw new CrmMlError(
      'cli_invalid_option',
      '--calibration-end and --holdout-days both set the split: give one of them',
    );
  }
  if (flags.calibrationEnd !== undefined) {
    const end = parseTimestamp(flags.calibrationEnd);
    if (end === null) {
      throw new CrmMlError(
        'cli_invalid_option',
        `--calibration-end must be a date such as 1997-09-30, got '${flags.calibrationEnd}'`,
      );
    }
    return { calibrationEnd: end };
  }
  if (flags.holdoutDays !== undefined) {
    const days = parseWholeNumber('--holdout-days', flags.holdoutDays);
    if (days < 1) throw new CrmMlError('cli_invalid_option', '--holdout-days must be at least 1');
    return { holdoutDays: days };
  }
  return {};
}

function delimiterOf(value: string): string {
  return value === WHITESPACE ? WHITESPACE : parseDelimiter(value);
}

function formatEvaluation(result: NextPurchaseEvaluation): string {
  const { r, alpha, a, b } = result.params;
  const row = (name: string, f: NextPurchaseEvaluation['model']): string =>
    `${name.padEnd(18)} ${f.mae.toFixed(3).padStart(7)} ${f.rmse.toFixed(3).padStart(7)} ` +
    `${(f.correlation === null ? 'n/a' : f.correlation.toFixed(3)).padStart(7)} ` +
    `${f.total_predicted.toFixed(0).padStart(9)}`;
  return [
    `calibration ${result.calibration_start} → ${result.calibration_end}, holdout to ` +
      `${result.holdout_end} (${result.holdout_days} days), ${result.customers} customers`,
    `BG/NBD r ${r.toFixed(3)}, α ${alpha.toFixed(3)} (weeks), a ${a.toFixed(3)}, b ${b.toFixed(3)}`,
    'forecast               mae    rmse    corr     total',
    row('BG/NBD', result.model),
    ...result.baselines.map((baseline) => row(baseline.name, baseline)),
    `${'actual'.padEnd(42)} ${String(result.total_actual).padStart(9)}`,
  ].join('\n');
}
