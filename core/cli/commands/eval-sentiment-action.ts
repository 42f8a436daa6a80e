import { evaluateSentiment } from '../../../plugins/sentiment/index.js';
import { readCsv } from '../../csv/index.js';
import { parseDelimiter, parseQuoteMode } from '../cli-options.js';
import { formatFigures, printError, printResult } from '../output.js';
import type { EvalSentimentFlags } from './eval-sentiment-command.js';

/** What `eval sentiment` does once commander has parsed its flags. */
export async function runEvalSentiment(flags: EvalSentimentFlags): Promise<void> {
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
}
