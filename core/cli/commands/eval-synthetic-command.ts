import type { Command } from 'commander';

export interface EvalSyntheticFlags {
  json: boolean;
  from: string;
  target?: string;
  positive?: string;
  seed: string;
}

/** `crm-ml eval synthetic`: fidelity, churn utility and privacy of synthetic customers. */
export function registerEvalSyntheticCommand(evaluate: Command): void {
  evaluate
    .command('synthetic')
    .description(
      'learn synthetic customers on 80 % of a CSV; compare them with it and the other 20 %',
    )
    .requiredOption('--from <csv>', 'the customer CSV')
    .option('--target <column>', 'the churn label column (default: a column named churn)')
    .option('--positive <value>', 'the target value that means churned (default Yes/true/1)')
    .option('--seed <n>', 'random seed', '42')
    .option('--json', 'print one JSON object with every figure', false)
    .action(async (flags: EvalSyntheticFlags) => {
      const { runEvalSynthetic } = await import('./eval-synthetic-action.js');
      await runEvalSynthetic(flags);
    });
}
