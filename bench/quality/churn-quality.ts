import { readCsv } from '../../core/csv/index.js';
import { evaluateChurn } from '../../plugins/churn/index.js';
import type { QualityRow } from './quality-row.js';

/** Churn on the IBM Telco data shipped in the repo: held-out 20 %, beside a one-property rule. */
export async function churnQuality(telcoPath: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(telcoPath);
  const result = await evaluateChurn(rows, { target: 'Churn', id: 'customerID', seed: 42 });
  const row = (metric: string, ours: number, baseline: number): QualityRow => ({
    plugin: 'churn',
    dataset: 'IBM Telco (7,043)',
    metric,
    ours,
    baseline,
    baselineName: `churn rate by ${result.baseline.property}`,
    protocol: `held-out 20 %, model ${result.model}`,
  });
  return [
    row('ROC AUC', result.roc_auc, result.baseline.roc_auc),
    row('PR AUC', result.pr_auc, result.baseline.pr_auc),
    row('Brier (lower is better)', result.brier, result.baseline.brier),
    row('lift, top decile', result.lift_top_decile, result.baseline.lift_top_decile),
  ];
}
