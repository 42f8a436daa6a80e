import { hypergeometric2F1, logHypergeometric2F1 } from './hypergeometric.js';
import { logRising } from './log-gamma.js';

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): while alive a customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α) across customers, and after each purchase drops out for
 * good with probability p ~ Beta(a, b). α is in the time unit of the summaries (weeks here).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * One customer's calibration history, as the paper writes it: `frequency` x repeat purchases
 * (purchases after the first), `recency` t_x the time of the last one and `age` T the time
 * observed, both measured from the first purchase.
 */
export interface CustomerSummary {
  frequency: number;
  recency: number;
  age: number;
}

/** A summary standing for `weight` customers with the same history. */
export interface WeightedSummary extends CustomerSummary {
  weight: number;
}

/**
 * The log-likelihood of the summaries (paper eq. 6):
 *   L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
 *     + [x > 0] B(a+1, b+x−1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x)),
 * the first term for "still alive at T", the second for "dropped out right after t_x". The
 * Beta and Gamma ratios are rising factorials in x, summed as logs, and the two terms are
 * added in log space so neither underflows for customers with many purchases.
 */
export function bgNbdLogLikelihood(
  params: BgNbdParams,
  customers: readonly (CustomerSummary & { weight?: number })[],
): number {
  const { r, alpha, a, b } = params;
  const logAlpha = Math.log(alpha);
  // The parts that depend only on x are shared by every customer with that many purchases.
  const byFrequency = new Map<number, number>();
  let total = 0;
  for (const customer of customers) {
    const x = customer.frequency;
    let shared = byFrequency.get(x);
    if (shared === undefined) {
      shared = logRising(r, x) + r * logAlpha + logRising(b, x) - logRising(a + b, x);
      byFrequency.set(x, shared);
    }
    const alive = -(r + x) * Math.log(alpha + customer.age);
    let log = alive;
    if (x > 0) {
      // B(a+1, b+x−1) / B(a, b+x) = a / (b+x−1).
      const gone = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + customer.recency);
      log = logAddExp(alive, gone);
    }
    total += (customer.weight ?? 1) * (shared + log);
  }
  return total;
}

/**
 * P(alive at T | x, t_x, T) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)): a
 * customer who never bought again cannot have dropped out (dropout follows a purchase).
 */
export function probabilityAlive(params: BgNbdParams, customer: CustomerSummary): number {
  const { r, alpha, a, b } = params;
  const x = customer.frequency;
  if (x === 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(b + x - 1) +
    (r + x) * (Math.log(alpha + customer.age) - Math.log(alpha + customer.recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[purchases in (T, T+t] | x, t_x, T] (paper eq. 10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
 * For a < 1 both the factor and the bracket are negative; the bracket is computed as
 * −expm1(log …) so it keeps its digits when it is small, and a = 1 (where both vanish) is
 * taken as the mean of its two close neighbours.
 */
export function expectedPurchases(
  params: BgNbdParams,
  customer: CustomerSummary,
  t: number,
): number {
  if (!(t > 0)) return 0;
  const { a } = params;
  if (Math.abs(a - 1) < 1e-7) {
    const below = expectedPurchases({ ...params, a: 1 - 1e-5 }, customer, t);
    const above = expectedPurchases({ ...params, a: 1 + 1e-5 }, customer, t);
    return (below + above) / 2;
  }
  const { r, alpha, b } = params;
  const x = customer.frequency;
  const z = t / (alpha + customer.age + t);
  const c = a + b + x - 1;
  const logHold = (r + x) * Math.log1p(-z);

  let bracket: number;
  if (c > 0) bracket = -Math.expm1(logHold + logHypergeometric2F1(r + x, b + x, c, z));
  else bracket = 1 - Math.exp(logHold) * hypergeometric2F1(r + x, b + x, c, z);
  return ((a + b + x - 1) / (a - 1)) * bracket * probabilityAlive(params, customer);
}

/** E[X(t)]: expected repeat purchases in the first t after a first purchase (paper eq. 7). */
export function expectedPurchasesSinceFirst(params: BgNbdParams, t: number): number {
  return expectedPurchases(params, { frequency: 0, recency: 0, age: 0 }, t);
}

/**
 * The median time to the next purchase given the customer is alive. Alive customers buy as
 * Poisson with λ | history ~ Gamma(r+x, α+T), so the wait W has P(W > w) = ((α+T)/(α+T+w))^(r+x)
 * (Lomax), whose median is (α+T)(2^(1/(r+x)) − 1). Without "given alive" the median may not
 * exist: a likely-dead customer has P(no purchase ever) above ½.
 */
export function medianWaitGivenAlive(params: BgNbdParams, customer: CustomerSummary): number {
  return (params.alpha + customer.age) * Math.expm1(Math.LN2 / (params.r + customer.frequency));
}

function logAddExp(u: number, v: number): number {
  const high = Math.max(u, v);
  if (high === -Infinity) return -Infinity;
  return high + Math.log1p(Math.exp(Math.min(u, v) - high));
}
