import { evaluateRecommendations } from '../../../plugins/recommendations/index.js';
import { readCsv } from '../../csv/index.js';
import { parsePositiveInteger } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalRecommendationsFlags } from './eval-recommendations-command.js';

/** What `eval recommendations` does once commander has parsed its flags. */
export async function runEvalRecommendations(flags: EvalRecommendationsFlags): Promise<void> {
  try {
    const testDays = parsePositiveInteger('--test-days', flags.testDays);
    const columns = [flags.customer, flags.item, flags.time];
    const table = await readCsv(flags.csv, { requiredColumns: columns });
    for (const problem of table.problems) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }
    const result = await evaluateRecommendations(table.rows, {
      customer: flags.customer,
      item: flags.item,
      time: flags.time,
      testDays,
      ...(flags.quantity === undefined ? {} : { quantity: flags.quantity }),
      ...(flags.invoice === undefined ? {} : { invoice: flags.invoice }),
      ...(flags.name === undefined ? {} : { name: flags.name }),
    });
    const output = { ...result, malformed_rows: table.problems.length };
    for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
    printResult(flags, output, () => formatModels(result));
  } catch (error) {
    printError(flags, error);
  }
}

function formatModels(result: Awaited<ReturnType<typeof evaluateRecommendations>>): string {
  const header = 'model        ndcg@10  hit@10  recall@10  coverage';
  const rows = result.models.map((model) =>
    [
      model.name.padEnd(12),
      model.ndcg_at_10.toFixed(3).padStart(7),
      model.hit_rate_at_10.toFixed(3).padStart(7),
      model.recall_at_10.toFixed(3).padStart(10),
      model.coverage.toFixed(3).padStart(9),
    ].join(' '),
  );
  const context = `${result.test_customers} test customers, ${result.items} items; best: ${result.best}`;
  return [header, ...rows, context].join('\n');
}
