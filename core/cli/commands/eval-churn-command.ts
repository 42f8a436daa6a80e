import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderChurnReportSvg } from '../../report/churn-report-svg.js';
import { evaluateChurn } from '../../../plugins/churn/index.js';
import { readCsv } from '../../csv/index.js';
import { assertSvgTarget, parseWholeNumber } from '../cli-options.js';
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
        if (flags.plot) assertSvgTarget('--plot', flags.plot);
        const requiredColumns = [flags.target, ...(flags.id === undefined ? [] : [flags.id])];
        const table = await readCsv(flags.csv, { requiredColumns });
        for (const problem of table.problems) {
          process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
        }
        const result = await evaluateChurn(table.rows, {
          target: flags.target,
          seed,
          lines: table.lines,
          ...(flags.positive === undefined ? {} : { positive: flags.positive }),
          ...(flags.id === undefined ? {} : { id: flags.id }),
        });
        if (flags.plot) await writeFile(flags.plot, renderChurnReportSvg(result));
        const output = { ...result, skipped_rows: table.problems.length };
        printResult(flags, output, () => `${formatFigures(output)}\n${baselineLine(result)}`);
      } catch (error) {
        printError(flags, error);
      }
    });
}

function baselineLine(result: Awaited<ReturnType<typeof evaluateChurn>>): string {
  const { baseline } = result;
  const figures = `ROC AUC ${baseline.roc_auc.toFixed(4)}, PR AUC ${baseline.pr_auc.toFixed(4)}`;
  return `${'baseline'.padEnd(22)} ${figures}, Brier ${baseline.brier.toFixed(4)} (${baseline.rule})`;
}
