import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderChurnReportSvg } from '../../report/churn-report-svg.js';
import { evaluateChurn } from '../../../plugins/churn/index.js';
import { readCsv } from '../../csv/index.js';
import { assertWritableTarget, parseWholeNumber } from '../cli-options.js';
import { formatFigures, printError, printResult } from '../output.js';

interface EvalChurnFlags {
  json: boolean;
  csv: string;
  target: string;
  positive?: string;
  id?: string;
  seed: string;
  plot?: string;
}

/** `crm-ml eval churn`: train and evaluate churn on any labelled CSV, beside a baseline. */
export function registerEvalChurnCommand(evaluate: Command): void {
  evaluate
    .command('churn')
    .description('train and evaluate churn on any CSV (80/20 split by hashed id, 5-fold CV choice)')
    .requiredOption('--csv <file>', 'the CSV file')
    .requiredOption('--target <column>', 'the column saying whether the customer churned')
    .option('--positive <value>', 'the target value that means churned (default Yes/true/1)')
    .option('--id <column>', 'an id column, left out of the features')
    .option('--seed <n>', 'random seed', '42')
    .option('--plot <file.svg>', 'draw the ROC and calibration curves into an SVG file')
    .option('--json', 'print one JSON object with the metrics', false)
    .action(async (flags: EvalChurnFlags) => {
      try {
        const seed = parseWholeNumber('--seed', flags.seed);
        if (flags.plot) assertWritableTarget('--plot', flags.plot);
        const table = await readCsv(flags.csv, { requiredColumns: [flags.target] });
        for (const problem of table.problems) {
          process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
        }
        const result = await evaluateChurn(table.rows, {
          target: flags.target,
          seed,
          ...(flags.positive === undefined ? {} : { positive: flags.positive }),
          ...(flags.id === undefined ? {} : { id: flags.id }),
        });
        if (flags.plot) await writeFile(flags.plot, renderChurnReportSvg(result));
        const output = { ...result, skipped_rows: table.problems.length };
        printResult(flags, output, () => formatFigures(output));
      } catch (error) {
        printError(flags, error);
      }
    });
}
