import type { Command } from 'commander';

export interface EvalNetworkFlags {
  json: boolean;
  edges: string;
  labels?: string;
  seed: string;
  resolution?: string;
  restarts?: string;
  hide?: string;
}

/**
 * `crm-ml eval network`: communities of an edge list (Louvain) against ground-truth groups,
 * beside label propagation, connected components and a random partition, and a hidden-edge
 * link-prediction check.
 */
export function registerEvalNetworkCommand(evaluate: Command): void {
  evaluate
    .command('network')
    .description('detect communities in an edge list and compare them with known groups')
    .requiredOption('--edges <file>', "'u v' or 'u v weight' lines (SNAP format)")
    .option('--labels <file>', "ground truth: 'node group' lines")
    .option('--seed <n>', 'random seed', '42')
    .option('--resolution <r>', 'Louvain resolution (default 1)')
    .option('--restarts <n>', 'Louvain runs, the best by modularity kept (default 3)')
    .option('--hide <share>', 'share of edges hidden for link prediction (default 0.1)')
    .option('--json', 'print one JSON object with the figures beside the baselines', false)
    .action(async (flags: EvalNetworkFlags) => {
      const { runEvalNetwork } = await import('./eval-network-action.js');
      await runEvalNetwork(flags);
    });
}
