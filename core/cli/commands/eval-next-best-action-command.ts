import type { Command } from 'commander';

export interface EvalNextBestActionFlags {
  json: boolean;
  csv: string;
  exclude: string;
  rounds: string;
  batch: string;
  logRounds: string;
  strategy: string;
  alpha: string;
  exploreRate: string;
  seed: string;
  plot?: string;
}

/**
 * `crm-ml eval next-best-action`: plays the plugin's bandit against baselines on a simulated
 * book whose customers are the rows of a Telco-style CSV and whose responses follow a fixed,
 * documented function the learner never sees; prints regret, reward and off-policy estimates.
 */
export function registerEvalNextBestActionCommand(evaluate: Command): void {
  evaluate
    .command('next-best-action')
    .description('simulate next-best-action on real customers: regret beside baselines, IPS')
    .requiredOption('--csv <file>', 'customers with the Telco churn columns (the contexts)')
    .option(
      '--exclude <columns>',
      'comma-separated columns the learner never sees',
      'customerID,Churn',
    )
    .option('--rounds <n>', 'online rounds per policy', '20000')
    .option('--batch <n>', 'rounds between model updates (a sync)', '100')
    .option('--log-rounds <n>', 'rounds of uniform logs for the off-policy estimate', '20000')
    .option('--strategy <linucb|thompson>', 'how exploring contacts pick', 'linucb')
    .option('--alpha <x>', 'exploration width in posterior standard deviations', '1')
    .option('--explore-rate <x>', 'share of contacts that explore (0–1)', '0.1')
    .option('--seed <n>', 'random seed', '42')
    .option('--plot <file.svg>', 'draw the cumulative regret curves into an SVG file')
    .option('--json', 'print one JSON object with every figure', false)
    .action(async (flags: EvalNextBestActionFlags) => {
      const { runEvalNextBestAction } = await import('./eval-next-best-action-action.js');
      await runEvalNextBestAction(flags);
    });
}
