import type { Command } from 'commander';

export interface EvalChurnFlags {
  json: boolean;
  csv: string;
  target: string;
  positive?: string;
  id?: string;
  seed: string;
  plot?: string;
  delimiter?: string;
  quote: string;
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
    .option('--delimiter <char>', "field delimiter: one character, or 'tab' (default ,)")
    .option('--quote <mode>', "'double' (CSV quoting) or 'none' (quotes are plain text)", 'double')
    .option('--json', 'print one JSON object with the metrics', false)
    .action(async (flags: EvalChurnFlags) => {
      const { runEvalChurn } = await import('./eval-churn-action.js');
      await runEvalChurn(flags);
    });
}
