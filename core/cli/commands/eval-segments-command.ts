import type { Command } from 'commander';

export interface EvalSegmentsFlags {
  json: boolean;
  csv: string;
  customer: string;
  time: string;
  amount?: string;
  quantity?: string;
  price?: string;
  invoice?: string;
  k?: string;
  plot?: string;
}

/**
 * `crm-ml eval segments`: segments an order file's customers as the plugin segments contacts
 * (RFM, k by silhouette, readable names) and draws their profiles.
 */
export function registerEvalSegmentsCommand(evaluate: Command): void {
  evaluate
    .command('segments')
    .description('segment the customers of an order file; profiles printed and drawn')
    .requiredOption('--csv <file>', 'the order lines')
    .requiredOption('--customer <column>', 'customer id column')
    .requiredOption('--time <column>', 'purchase time column')
    .option('--amount <column>', 'line amount column')
    .option('--quantity <column>', 'quantity column (negative quantities are returns)')
    .option('--price <column>', 'unit price column (amount = quantity × price)')
    .option('--invoice <column>', "invoice column (ids starting with 'C' are cancellations)")
    .option('--k <n>', 'a fixed number of segments (default: chosen by silhouette in 2–8)')
    .option('--plot <file.svg>', 'draw the segment profiles into an SVG file')
    .option('--json', 'print one JSON object with k, silhouette and the profiles', false)
    .action(async (flags: EvalSegmentsFlags) => {
      const { runEvalSegments } = await import('./eval-segments-action.js');
      await runEvalSegments(flags);
    });
}
