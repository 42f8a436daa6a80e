import { readFile } from 'node:fs/promises';
import {
  evaluateNetwork,
  parseEdgeList,
  parseNodeLabels,
  type NetworkEvaluation,
} from '../../../plugins/network/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalNetworkFlags } from './eval-network-command.js';

/** What `eval network` does once commander has parsed its flags. */
export async function runEvalNetwork(flags: EvalNetworkFlags): Promise<void> {
  try {
    const seed = parseWholeNumber('--seed', flags.seed);
    const resolution = positive('--resolution', flags.resolution);
    const restarts =
      flags.restarts === undefined ? undefined : parseWholeNumber('--restarts', flags.restarts);
    const hiddenShare = positive('--hide', flags.hide);
    if (hiddenShare !== undefined && hiddenShare >= 1) {
      throw new CrmMlError('cli_invalid_option', `--hide must be below 1, got '${flags.hide}'`);
    }

    const list = parseEdgeList(await readText(flags.edges), flags.edges);
    const labels =
      flags.labels === undefined
        ? undefined
        : parseNodeLabels(await readText(flags.labels), flags.labels);
    for (const problem of [...list.problems, ...(labels?.problems ?? [])]) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }
    const result = evaluateNetwork(list, labels?.labels, {
      seed,
      ...(resolution === undefined ? {} : { resolution }),
      ...(restarts === undefined ? {} : { restarts: Math.max(1, restarts) }),
      ...(hiddenShare === undefined ? {} : { hiddenShare }),
    });
    printResult(flags, result, () => formatEvaluation(result));
  } catch (error) {
    printError(flags, error);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new CrmMlError('network_file_unreadable', `${file} cannot be read (${code})`, {
      cause: error,
    });
  }
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(number > 0) || !Number.isFinite(number)) {
    throw new CrmMlError('cli_invalid_option', `${flag} must be a positive number, got '${value}'`);
  }
  return number;
}

function formatEvaluation(result: NetworkEvaluation): string {
  const row = (p: NetworkEvaluation['louvain']) =>
    `${p.name.padEnd(22)} ${String(p.communities).padStart(6)}  ${p.modularity.toFixed(3)}` +
    (p.nmi === undefined ? '' : `  ${p.nmi.toFixed(3)}  ${(p.ari ?? 0).toFixed(3)}`);
  const link = result.link_prediction;
  return [
    `${result.nodes} nodes, ${result.edges} ties (${result.self_loops_skipped} self loops ` +
      `skipped), ${result.labelled_nodes} labelled in ${result.label_groups} groups`,
    `${'partition'.padEnd(22)} ${'groups'.padStart(6)}  Q      NMI    ARI`,
    row(result.louvain),
    ...result.baselines.map(row),
    link === null
      ? 'link prediction: too few edges'
      : `link prediction, ${link.hidden_edges} hidden vs ${link.non_edges} non-edges: AUC ` +
        `Adamic–Adar ${link.auc_adamic_adar.toFixed(3)}, same community ` +
        `${link.auc_same_community.toFixed(3)}, degree × degree ` +
        `${link.auc_preferential_attachment.toFixed(3)}`,
  ].join('\n');
}
