import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsv, readTable } from '../../core/csv/index.js';
import {
  evaluateNextPurchase,
  fitBgNbd,
  type BgNbdParams,
  type NextPurchaseEvaluation,
} from '../../plugins/next-purchase/index.js';
import type { QualityRow } from './quality-row.js';

// Fader, Hardie & Lee (2005), table 1: BG/NBD on the 2,357-customer CDNOW sample, weeks.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", on the same sample's
// repeat spend; quoted from memory of the note (PROVENANCE.md lists only the BG/NBD values).
const PUBLISHED_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const DATASET = 'CDNOW (23,570)';
const PROTOCOL = '39 weeks calibration, 39 held out';

/**
 * Next purchase on CDNOW: holdout purchases per customer beside the rate baselines, and the
 * BG/NBD fit of the published summary table beside the paper's parameters; then the same
 * holdout check on UCI Online Retail's last 30 days. CDNOW has no licence, so it is read from
 * the shared data folder and never copied into the repository.
 */
export async function nextPurchaseQuality(data: string): Promise<QualityRow[]> {
  const master = join(data, 'cdnow', 'CDNOW_master.txt');
  const summary = join(data, 'cdnow', 'cdnow_customers_summary.csv');
  const retail = join(data, 'online-retail', 'online_retail_2010-12-01_to_2011-02-28.csv');
  const rows: QualityRow[] = [];
  const sample = join(data, 'cdnow', 'CDNOW_sample.txt');
  if (existsSync(master) && existsSync(summary) && existsSync(sample)) {
    rows.push(...(await cdnowRows(master)), ...(await publishedRows(summary)));
    rows.push(...(await sampleRows(sample)));
  } else {
    process.stderr.write(`skipped CDNOW: no CDNOW files in ${join(data, 'cdnow')} `);
  }
  if (existsSync(retail)) rows.push(...(await retailRows(retail)));
  else process.stderr.write(`skipped Online Retail: no ${retail} `);
  return rows;
}

async function cdnowRows(master: string): Promise<QualityRow[]> {
  const { rows } = await readTable(master, { delimiter: 'whitespace' });
  const result = evaluateNextPurchase(rows, {
    fields: { customer: 'customer_id', time: 'date', amount: 'dollar_value' },
    calibrationEnd: Date.UTC(1997, 8, 30),
  });
  return holdoutRows(result, DATASET, PROTOCOL);
}

async function retailRows(retail: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(retail);
  const result = evaluateNextPurchase(rows, {
    fields: {
      customer: 'CustomerID',
      time: 'InvoiceDate',
      quantity: 'Quantity',
      price: 'UnitPrice',
      invoice: 'InvoiceNo',
    },
    holdoutDays: 30,
  });
  return holdoutRows(result, 'UCI Online Retail, Dec–Feb', 'last 30 days held out');
}

function holdoutRows(
  result: NextPurchaseEvaluation,
  dataset: string,
  protocol: string,
): QualityRow[] {
  const row = (metric: string, ours: number, baseline: number, baselineName: string) => ({
    plugin: 'next_purchase',
    dataset,
    metric,
    ours,
    baseline,
    baselineName,
    protocol,
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

// The sample's raw log has no header: master id, sample id, YYYYMMDD, CDs, dollars.
async function sampleRows(sample: string): Promise<QualityRow[]> {
  const rows = (await readFile(sample, 'utf8'))
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, customer = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
      return { customer, date, dollars };
    });
  const { params, spend } = evaluateNextPurchase(rows, {
    fields: { customer: 'customer', time: 'date', amount: 'dollars' },
    calibrationEnd: Date.UTC(1997, 8, 30),
  });
  const dataset = 'CDNOW sample log (2,357)';
  const protocol = "fit on the log's first 39 weeks";
  const spendRows = (['p', 'q', 'gamma'] as const).map((name) => ({
    plugin: 'next_purchase',
    dataset,
    metric: `Gamma–Gamma ${name === 'gamma' ? 'γ' : name}`,
    ours: spend.kind === 'gamma_gamma' ? spend.params[name] : Number.NaN,
    baseline: PUBLISHED_SPEND[name],
    baselineName: 'published (Fader & Hardie)',
    protocol,
  }));
  return [...parameterRows(params, dataset, protocol), ...spendRows];
}

async function publishedRows(summary: string): Promise<QualityRow[]> {
  const { rows } = await readCsv(summary, { requiredColumns: ['frequency', 'recency', 'T'] });
  const customers = rows.map((row) => ({
    frequency: Number(row['frequency']),
    recency: Number(row['recency']),
    age: Number(row['T']),
  }));
  const { params } = fitBgNbd(customers, { seed: 42 });
  return parameterRows(params, 'CDNOW summary (2,357)', 'fit on the 39-week summary');
}

function parameterRows(params: BgNbdParams, dataset: string, protocol: string): QualityRow[] {
  return (['r', 'alpha', 'a', 'b'] as const).map((name) => ({
    plugin: 'next_purchase',
    dataset,
    metric: `BG/NBD ${name === 'alpha' ? 'α (weeks)' : name}`,
    ours: params[name],
    baseline: PUBLISHED[name],
    baselineName: 'published (FHL 2005)',
    protocol,
  }));
}
