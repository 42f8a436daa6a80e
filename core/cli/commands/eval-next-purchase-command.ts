import type { Command } from 'commander';

export interface EvalNextPurchaseFlags {
  json: boolean;
  csv: string;
  customer?: string;
  time?: string;
  frequency?: string;
  recency?: string;
  age?: string;
  amount?: string;
  quantity?: string;
  price?: string;
  invoice?: string;
  calibrationEnd?: string;
  holdoutDays?: string;
  delimiter?: string;
  plot?: string;
}

/**
 * `crm-ml eval next-purchase`: fits BG/NBD on the calibration period of an order file and
 * scores its forecast of each customer's holdout purchases beside two rate baselines.
 */
export function registerEvalNextPurchaseCommand(evaluate: Command): void {
  evaluate
    .command('next-purchase')
    .description('forecast holdout purchases per customer (BG/NBD) beside rate baselines')
    .requiredOption('--csv <file>', 'the order lines')
    .option('--customer <column>', 'customer id column')
    .option('--time <column>', 'purchase time column (YYYY-MM-DD, YYYYMMDD, …)')
    .option('--frequency <column>', 'a summary table instead: repeat purchases column')
    .option('--recency <column>', 'summary table: time of the last purchase after the first')
    .option('--age <column>', 'summary table: T, the time observed since the first purchase')
    .option('--amount <column>', 'order amount column')
    .option('--quantity <column>', 'quantity column (negative quantities are returns)')
    .option('--price <column>', 'unit price column (amount = quantity × price)')
    .option('--invoice <column>', "invoice column (ids starting with 'C' are cancellations)")
    .option('--calibration-end <date>', 'the last day of the calibration period')
    .option('--holdout-days <n>', 'days at the end of the file to predict (default 90)')
    .option('--delimiter <char>', "one character, 'tab' or 'whitespace' (default: from the header)")
    .option('--plot <file.svg>', 'draw holdout purchases by calibration repeats, and over time')
    .option('--json', 'print one JSON object with the figures beside the baselines', false)
    .action(async (flags: EvalNextPurchaseFlags) => {
      const { runEvalNextPurchase } = await import('./eval-next-purchase-action.js');
      await runEvalNextPurchase(flags);
    });
}
