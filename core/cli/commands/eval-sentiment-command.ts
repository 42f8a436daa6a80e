import type { Command } from 'commander';
import { evaluateSentiment } from '../../../plugins/sentiment/index.js';
import { readCsv } from '../../csv/index.js';
import { parseDelimiter, parseQuoteMode } from '../cli-options.js';
import { formatFigures, printError, printResult } from '../output.js';

interface EvalSentimentFlags {
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
      try {
        const table = await readCsv(flags.csv, {
          requiredColumns: [flags.text, flags.label],
          header: flags.header,
          quote: parseQuoteMode(flags.quote),
          ...(flags.delimiter === undefined ? {} : { delimiter: parseDelimiter(flags.delimiter) }),
        });
        for (const problem of table.problems) {
          process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
        }
        const result = await evaluateSentiment(table.rows, {
          text: flags.text,
          label: flags.label,
          ...(flags.positive === undefined ? {} : { positive: flags.positive }),
        });
        const output = { ...result, skipped_rows: table.problems.length };
        const human = (): string =>
          `${formatFigures(result)}\nbaseline (${result.baseline.name})\n` +
          formatFigures(result.baseline);
        printResult(flags, output, human);
      } catch (error) {
        printError(flags, error);
      }
    });
}
