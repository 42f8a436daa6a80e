import type { Command } from 'commander';

export interface EvalTicketsFlags {
  json: boolean;
  csv: string;
  text: string;
  label: string;
  testShare: string;
  seed: string;
  model: string;
  delimiter?: string;
}

/**
 * `crm-ml eval tickets`: trains the ticket classifier on a stratified 80 % of a labelled
 * file and scores the other 20 % beside the majority class and naive Bayes, or scores the
 * whole file with the shipped model (`--model shipped`).
 */
export function registerEvalTicketsCommand(evaluate: Command): void {
  evaluate
    .command('tickets')
    .description('train and evaluate ticket classification on a labelled CSV, beside baselines')
    .requiredOption('--csv <file>', 'the labelled tickets')
    .requiredOption('--text <column>', 'the text column')
    .requiredOption('--label <column>', 'the category column')
    .option('--test-share <share>', 'share of rows held out, stratified by category', '0.2')
    .option(
      '--model <kind>',
      'trained (fit on the file) or shipped (score with the shipped model)',
      'trained',
    )
    .option('--seed <n>', 'random seed of the split', '42')
    .option('--delimiter <char>', "field delimiter: one character, or 'tab' (default ,)")
    .option('--json', 'print one JSON object with the metrics beside the baselines', false)
    .action(async (flags: EvalTicketsFlags) => {
      const { runEvalTickets } = await import('./eval-tickets-action.js');
      await runEvalTickets(flags);
    });
}
