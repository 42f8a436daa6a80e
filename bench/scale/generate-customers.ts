import { SeededRandom } from '../../core/ml/random.js';
import type { TelcoSource } from './telco-source.js';

/** One generated customer: HubSpot property name → text, null for a blank cell. */
export type CustomerRow = Record<string, string | null>;

export interface GenerateOptions {
  seed: number;
  /** Rows per yielded chunk; the caller holds at most one chunk at a time. */
  chunkSize: number;
}

// Telco's own bounds: tenure is 0..72 months, monthly charges 18.25..118.75.
const MAX_TENURE = 72;
const MIN_MONTHLY = 18.25;
const MAX_MONTHLY = 118.75;
// Noise small enough to keep each row's plan, price tier and history recognisable.
const TENURE_SD_MONTHS = 1.5;
const MONTHLY_SD_SHARE = 0.02;

/**
 * Streams `count` customers drawn from the real Telco rows.
 *
 * Each customer first draws its class (churned with the source's churn rate), then copies one
 * whole source row of that class, so every categorical column keeps its joint distribution
 * with the others and with churn (Contract × InternetService × Churn and so on). Numerics get
 * small noise: tenure ±1.5 months (new customers, tenure 0, stay new), monthly charges ±2 %,
 * and TotalCharges is rebuilt from both with the source row's own total/(monthly × tenure)
 * ratio, blank when tenure is 0 as in the source. `customerID` becomes a unique `SYN-…` id.
 */
export function* generateCustomers(
  source: TelcoSource,
  count: number,
  options: GenerateOptions,
): Generator<CustomerRow[]> {
  const random = new SeededRandom(options.seed);
  let chunk: CustomerRow[] = [];

  for (let index = 0; index < count; index++) {
    const pool = random.next() < source.churnRate ? source.churned : source.retained;
    const row = pool[random.nextInt(pool.length)] ?? {};
    chunk.push(toCustomer(source, jitter(row, random), index));

    if (chunk.length === options.chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** A copy of `row` with noisy, mutually consistent tenure and charges. */
function jitter(row: Record<string, string>, random: SeededRandom): Record<string, string> {
  const tenure = Number(row['tenure'] ?? 0);
  const monthly = Number(row['MonthlyCharges'] ?? MIN_MONTHLY);
  const total = Number(row['TotalCharges']);

  const newTenure =
    tenure === 0
      ? 0
      : clamp(Math.round(tenure + random.nextNormal() * TENURE_SD_MONTHS), 1, MAX_TENURE);
  const newMonthly = clamp(
    monthly * (1 + random.nextNormal() * MONTHLY_SD_SHARE),
    MIN_MONTHLY,
    MAX_MONTHLY,
  );
  const ratio = tenure > 0 && Number.isFinite(total) ? total / (monthly * tenure) : 1;
  const newTotal = newTenure === 0 ? '' : (newMonthly * newTenure * ratio).toFixed(2);

  return {
    ...row,
    tenure: String(newTenure),
    MonthlyCharges: newMonthly.toFixed(2),
    TotalCharges: newTotal,
  };
}

function toCustomer(source: TelcoSource, row: Record<string, string>, index: number): CustomerRow {
  const customer: CustomerRow = {};
  for (const { column, name } of source.names) {
    const value = column === 'customerID' ? syntheticId(index) : (row[column] ?? '').trim();
    customer[name] = value === '' ? null : value;
  }
  return customer;
}

function syntheticId(index: number): string {
  return `SYN-${String(index + 1).padStart(7, '0')}`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
