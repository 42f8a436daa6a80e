import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  evaluateNetwork,
  parseEdgeList,
  parseNodeLabels,
  type PartitionFigures,
} from '../../plugins/network/index.js';
import type { QualityRow } from './quality-row.js';

const DATASET = 'SNAP email-Eu-core (1,005, 42 departments)';

/**
 * The network plugin's community detection on SNAP email-Eu-core: NMI and adjusted Rand of
 * the Louvain communities against the departments, and modularity, beside label propagation
 * and a random partition of the same sizes; then AUC of finding 10 % hidden ties again. The
 * data has no formal licence, so it is read from the shared data folder only.
 */
export async function networkQuality(data: string): Promise<QualityRow[]> {
  const folder = join(data, 'graph-email-eu-core');
  const edgesFile = join(folder, 'email-Eu-core.txt');
  if (!existsSync(edgesFile)) return [];
  const list = parseEdgeList(await readFile(edgesFile, 'utf8'), edgesFile);
  const labelsFile = join(folder, 'email-Eu-core-department-labels.txt');
  const { labels } = parseNodeLabels(await readFile(labelsFile, 'utf8'), labelsFile);
  const result = evaluateNetwork(list, labels, { seed: 42 });

  const baseline = (name: string) =>
    result.baselines.find((b) => b.name === name) as PartitionFigures;
  const row = (
    metric: string,
    ours: number,
    base: number,
    baselineName: string,
    protocol = 'against departments, all nodes',
  ): QualityRow => ({
    plugin: 'network',
    dataset: DATASET,
    metric,
    ours,
    baseline: base,
    baselineName,
    protocol,
  });
  const louvain = result.louvain;
  const propagation = baseline('label_propagation');
  const random = baseline('random_same_sizes');
  const rows = [
    row('NMI (Louvain)', louvain.nmi ?? 0, propagation.nmi ?? 0, 'label propagation'),
    row('NMI (Louvain)', louvain.nmi ?? 0, random.nmi ?? 0, 'random, same sizes'),
    row('adjusted Rand (Louvain)', louvain.ari ?? 0, propagation.ari ?? 0, 'label propagation'),
    row('modularity', louvain.modularity, propagation.modularity, 'label propagation', 'in-sample'),
  ];
  const link = result.link_prediction;
  if (link !== null) {
    const protocol = `${link.hidden_edges} hidden ties vs as many non-ties`;
    const pa = link.auc_preferential_attachment;
    rows.push(
      row('link AUC, Adamic–Adar', link.auc_adamic_adar, pa, 'degree × degree', protocol),
      row('link AUC, same community', link.auc_same_community, pa, 'degree × degree', protocol),
    );
  }
  return rows;
}
