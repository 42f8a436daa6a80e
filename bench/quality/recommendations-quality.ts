import { readCsv } from '../../core/csv/index.js';
import { evaluateRecommendations } from '../../plugins/recommendations/index.js';
import type { QualityRow } from './quality-row.js';

/** Recommendations on UCI Online Retail: train before the last 30 days, rank their purchases. */
export async function recommendationsQuality(retailPath: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(retailPath);
  const result = await evaluateRecommendations(rows, {
    customer: 'CustomerID',
    item: 'StockCode',
    time: 'InvoiceDate',
    quantity: 'Quantity',
    invoice: 'InvoiceNo',
  });
  const popularity = result.models.find((model) => model.name === 'popularity');
  if (!popularity) throw new Error('the evaluation did not report the popularity baseline');

  return result.models
    .filter((model) => model.name !== 'popularity')
    .flatMap((model) => [
      {
        plugin: 'recommendations',
        dataset: 'UCI Online Retail, Dec–Feb',
        metric: `NDCG@10 (${model.name}${model.name === result.best ? ', chosen' : ''})`,
        ours: model.ndcg_at_10,
        baseline: popularity.ndcg_at_10,
        baselineName: 'popularity',
        protocol: 'last 30 days held out',
      },
      {
        plugin: 'recommendations',
        dataset: 'UCI Online Retail, Dec–Feb',
        metric: `hit rate@10 (${model.name})`,
        ours: model.hit_rate_at_10,
        baseline: popularity.hit_rate_at_10,
        baselineName: 'popularity',
        protocol: 'last 30 days held out',
      },
    ]);
}
