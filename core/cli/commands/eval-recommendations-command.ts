import type { Command } from 'commander';
import { evaluateRecommendations } from '../../../plugins/recommendations/index.js';
import { readCsv } from '../../csv/index.js';
import { parsePositiveInteger } from '../cli-options.js';
import { printError, printResult } from '../output.js';

interface EvalRecommendationsFlags {
  json: boolean;
  csv: string;
  customer: string;
  item: string;
  time: string;
  quantity?: string;
  invoice?: string;
  name?: string;
  testDays: string;
}

/**
 * `crm-ml eval recommendations`: trains every model on all but the last days of an order
 * file and ranks each customer's purchases of those days, beside popularity.
 */
export function registerEvalRecommendationsCommand(evaluate: Command): void {
  evaluate
    .command('recommendations')
    .description(
      'evaluate recommenders on an order file (train before the last days, test on them)',
    )
    .requiredOption('--csv <file>', 'the order lines')
    .requiredOption('--customer <column>', 'customer id column')
    .requiredOption('--item <column>', 'item (product) id column')
    .requiredOption('--time <column>', 'purchase time column')
    .option('--quantity <column>', 'quantity column (negative quantities are returns)')
    .option('--invoice <column>', "invoice column (ids starting with 'C' are cancellations)")
    .option('--name <column>', 'product name column, for readable recommendations')
    .option('--test-days <n>', 'days at the end of the file to test on', '30')
    .option('--json', 'print one JSON object with every model beside the baseline', false)
    .action(async (flags: EvalRecommendationsFlags) => {
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
        printResult(flags, output, () => formatModels(result));
      } catch (error) {
        printError(flags, error);
      }
    });
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
