import type { Command } from 'commander';

export interface EvalSentimentFlags {
  json: boolean;
  csv: string;
  text: string;
  label: string;
  positive?: string;
  delimiter?: string;
  header: boolean;
  quote: string;
}

/**
 * `crm-ml eval sentiment`: scores a labelled file with the SHIPPED models (no training on it)
 * beside a lexicon baseline from the same run.
 */
export function registerEvalSentimentCommand(evaluate: Command): void {
  evaluate
    .command('sentiment')
    .description('score a labelled text file with the shipped sentiment models, beside a lexicon')
    .requiredOption('--csv <file>', 'the labelled texts')
    .requiredOption('--text <column>', 'the text column')
    .requiredOption('--label <column>', 'the label column')
    .option('--positive <value>', 'the label value meaning positive (default 1/positive/yes/true)')
    .option('--delimiter <char>', "field delimiter: one character, or 'tab' (default ,)")
    .option('--no-header', 'the first line is data: name columns by 0-based index (--text 0)')
    .option('--quote <mode>', "'double' (CSV quoting) or 'none' (quotes are plain text)", 'double')
    .option('--json', 'print one JSON object with the metrics beside the baseline', false)
    .action(async (flags: EvalSentimentFlags) => {
      const { runEvalSentiment } = await import('./eval-sentiment-action.js');
      await runEvalSentiment(flags);
    });
}
