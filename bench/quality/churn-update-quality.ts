import { readCsv } from '../../core/csv/index.js';
import { hashKey } from '../../core/ml/hash-key.js';
import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { createChurnPlugin } from '../../plugins/churn/index.js';
import type { QualityRow } from './quality-row.js';

const OPTIONS = {
  target: 'Churn',
  positive: 'Yes',
  idProperty: 'customerID',
  families: ['logistic'],
};
// The share of customers whose outcome is "known at first training"; the rest arrive later.
const FIRST_SHARE = 0.6;

/**
 * Churn's incremental update on IBM Telco: a logistic model trained on 60 % of the customers
 * (split by a hash of the customer id), then updated with the outcomes of the other 40 %.
 * The update measures its model before and after on a held-out 20 % of those new outcomes.
 */
export async function churnUpdateQuality(telcoPath: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(telcoPath);
  const records: CrmRecord[] = rows.map((row) => ({
    id: row['customerID'] ?? '',
    objectType: 'contacts',
    properties: { ...row },
    updatedAt: '2024-01-01T00:00:00.000Z',
    archived: false,
  }));
  const first = records.filter((record) => share(record.id) < FIRST_SHARE);
  const later = records.filter((record) => share(record.id) >= FIRST_SHARE);

  const logger = createLogger('bench.churn-update');
  const context = { logger, seed: 42, options: OPTIONS };
  const model = await createChurnPlugin().train(first, context);
  if (!model.update) throw new Error('the churn model has no incremental update');
  const updated = await model.update(later, context);

  const before = updated.metrics['update_roc_auc_before'] ?? Number.NaN;
  const after = updated.metrics['update_roc_auc_after'] ?? Number.NaN;
  return [
    {
      plugin: 'churn',
      dataset: `IBM Telco, ${first.length} then ${later.length} new outcomes`,
      metric: 'ROC AUC after incremental update',
      ours: after,
      baseline: before,
      baselineName: 'the model before the update',
      protocol: 'held-out 20 % of the new outcomes, logistic',
    },
  ];
}

// A customer's place in [0, 1) by a hash of their id, so the split never depends on row order.
function share(id: string): number {
  return hashKey(id, 7) / 2 ** 32;
}
