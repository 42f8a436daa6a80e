import type { Command } from 'commander';

export interface EvalRecommendationsFlags {
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
      const { runEvalRecommendations } = await import('./eval-recommendations-action.js');
      await runEvalRecommendations(flags);
    });
}
