import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { SeededRandom } from '../../core/ml/random.js';
import { bgNbdLogLikelihood, type BgNbdParams, type CustomerSummary } from './bg-nbd.js';
import { nelderMead } from './nelder-mead.js';

/** The maximum-likelihood parameters and what the fit saw. */
export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
  repeatCustomers: number;
}

export interface FitBgNbdOptions {
  seed: number;
  /** Optimiser starts: one from a fixed point, the rest seeded random around it. */
  starts?: number;
}

// exp(±12) spans 6e-6 to 1.6e5: wider than any purchase process in days or weeks, and it
// keeps a runaway simplex from reaching parameters where the likelihood is not finite.
const LOG_BOUND = 12;
const DEFAULT_STARTS = 4;

/**
 * Fits BG/NBD by maximum likelihood: Nelder–Mead on the logs of (r, α, a, b), so every
 * parameter stays positive without constraints, from several starts (the likelihood surface
 * is flat along a, b when few customers repeat) and each restarted once from its own optimum
 * (a simplex can stall in a narrow valley). Identical histories are merged first, so the cost
 * grows with the distinct (x, t_x, T) rather than the customers.
 *
 * @example
 * const { params } = fitBgNbd([{ frequency: 2, recency: 30.4, age: 38.9 }, …], { seed: 42 });
 */
export function fitBgNbd(
  customers: readonly CustomerSummary[],
  options: FitBgNbdOptions,
): BgNbdFit {
  checkSummaries(customers);
  const merged = mergeSummaries(customers);
  const count = customers.length;
  const negativeMean = (theta: readonly number[]): number => {
    if (theta.some((v) => Math.abs(v) > LOG_BOUND)) return Infinity;
    return -bgNbdLogLikelihood(toParams(theta), merged) / count;
  };

  // α is a time scale, so it starts at the customers' mean observation time.
  const meanAge = customers.reduce((sum, c) => sum + c.age, 0) / count;
  const origin = [0, Math.log(Math.max(meanAge, 1e-3)), 0, 0];
  const rng = new SeededRandom(options.seed);
  const starts = [origin];
  for (let i = 1; i < (options.starts ?? DEFAULT_STARTS); i++) {
    starts.push(origin.map((v) => v + (rng.next() * 4 - 2)));
  }

  let best = { x: origin, value: Infinity };
  for (const start of starts) {
    const first = nelderMead(negativeMean, start);
    const again = nelderMead(negativeMean, first.x, { step: 0.1 });
    if (again.value < best.value) best = again;
  }
  if (!Number.isFinite(best.value)) {
    throw new CrmMlError(
      'next_purchase_fit_failed',
      'BG/NBD found no parameters with a finite likelihood',
    );
  }
  return {
    params: toParams(best.x),
    logLikelihood: -best.value * count,
    customers: count,
    repeatCustomers: customers.filter((c) => c.frequency > 0).length,
  };
}

// BG/NBD learns how rates and dropout vary between customers: one customer shows neither.
const MIN_CUSTOMERS = 2;

function checkSummaries(customers: readonly CustomerSummary[]): void {
  if (customers.length < MIN_CUSTOMERS) {
    throw new CrmMlError(
      'next_purchase_too_few_customers',
      `${customers.length} customer(s) with purchases; BG/NBD needs at least ${MIN_CUSTOMERS}`,
    );
  }
  const bad = customers.findIndex(
    (c) =>
      !Number.isInteger(c.frequency) ||
      c.frequency < 0 ||
      !(c.recency >= 0 && c.age >= c.recency) ||
      (c.frequency === 0 && c.recency !== 0),
  );
  if (bad !== -1) {
    const c = customers[bad] as CustomerSummary;
    throw new CrmMlError(
      'next_purchase_summary_invalid',
      `customer ${bad + 1}: frequency ${c.frequency}, recency ${c.recency}, T ${c.age}; ` +
        'frequency must be a whole number ≥ 0, 0 ≤ recency ≤ T, and recency 0 when frequency is 0',
      { details: [{ path: `customers[${bad}]`, message: 'not a valid (frequency, recency, T)' }] },
    );
  }
  if (!customers.some((c) => c.frequency > 0)) {
    throw new CrmMlError(
      'next_purchase_no_repeat_purchases',
      'No customer bought on more than one day: BG/NBD learns from repeat purchases',
    );
  }
}

function mergeSummaries(
  customers: readonly CustomerSummary[],
): (CustomerSummary & { weight: number })[] {
  const merged = new Map<string, CustomerSummary & { weight: number }>();
  for (const c of customers) {
    const key = `${c.frequency}|${c.recency}|${c.age}`;
    const entry = merged.get(key);
    if (entry) entry.weight += 1;
    else merged.set(key, { frequency: c.frequency, recency: c.recency, age: c.age, weight: 1 });
  }
  return [...merged.values()];
}

function toParams(theta: readonly number[]): BgNbdParams {
  const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
  return { r, alpha, a, b };
}
