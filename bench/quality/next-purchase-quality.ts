import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv, readTable } from '../../core/csv/index.js';
import { evaluateNextPurchase, fitBgNbd } from '../../plugins/next-purchase/index.js';
import type { QualityRow } from './quality-row.js';

// Fader, Hardie & Lee (2005), table 1: BG/NBD on the 2,357-customer CDNOW sample, weeks.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const DATASET = 'CDNOW (23,570)';
const PROTOCOL = '39 weeks calibration, 39 held out';

/**
 * Next purchase on CDNOW: holdout purchases per customer beside the rate baselines, and the
 * BG/NBD fit of the published summary table beside the paper's parameters. The data has no
 * licence, so it is read from the shared data folder and never copied into the repository.
 */
export async function nextPurchaseQuality(cdnowFolder: string): Promise<QualityRow[]> {
  const master = join(cdnowFolder, 'CDNOW_master.txt');
  const summary = join(cdnowFolder, 'cdnow_customers_summary.csv');
  if (!existsSync(master) || !existsSync(summary)) {
    process.stderr.write(`skipped: no CDNOW files in ${cdnowFolder} `);
    return [];
  }
  return [...(await holdoutRows(master)), ...(await publishedRows(summary))];
}

async function holdoutRows(master: string): Promise<QualityRow[]> {
  const { rows } = await readTable(master, { delimiter: 'whitespace' });
  const result = evaluateNextPurchase(rows, {
    fields: { customer: 'customer_id', time: 'date', amount: 'dollar_value' },
    calibrationEnd: Date.UTC(1997, 8, 30),
  });
  const row = (metric: string, ours: number, baseline: number, baselineName: string) => ({
    plugin: 'next_purchase',
    dataset: DATASET,
    metric,
    ours,
    baseline,
    baselineName,
    protocol: PROTOCOL,
  });
  return result.baselines.flatMap((baseline) => [
    row('holdout purchases MAE (lower is better)', result.model.mae, baseline.mae, baseline.name),
    row(
      'holdout purchases RMSE (lower is better)',
      result.model.rmse,
      baseline.rmse,
      baseline.name,
    ),
    ...(baseline.correlation === null
      ? []
      : [
          row(
            'correlation, per customer',
            result.model.correlation ?? 0,
            baseline.correlation,
            baseline.name,
          ),
        ]),
    row(
      `total holdout purchases (actual ${result.total_actual})`,
      result.model.total_predicted,
      baseline.total_predicted,
      baseline.name,
    ),
  ]);
}

async function publishedRows(summary: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(summary, { requiredColumns: ['frequency', 'recency', 'T'] });
  const customers = rows.map((row) => ({
    frequency: Number(row['frequency']),
    recency: Number(row['recency']),
    age: Number(row['T']),
  }));
  const { params } = fitBgNbd(customers, { seed: 42 });
  return (['r', 'alpha', 'a', 'b'] as const).map((name) => ({
    plugin: 'next_purchase',
    dataset: 'CDNOW summary (2,357)',
    metric: `BG/NBD ${name === 'alpha' ? 'α (weeks)' : name}`,
    ours: params[name],
    baseline: PUBLISHED[name],
    baselineName: 'published (FHL 2005)',
    protocol: 'fit on the 39-week summary',
  }));
}
