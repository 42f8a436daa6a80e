import { SeededRandom } from '../../core/ml/random.js';
import { logGamma } from './log-gamma.js';
import { nelderMead } from './nelder-mead.js';

/**
 * Gamma–Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's spends per
 * purchase are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of how often
 * they buy. q > 1 so that the mean spend exists.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A customer's repeat purchases: how many, and their mean spend (> 0). */
export interface SpendSummary {
  frequency: number;
  meanSpend: number;
}

/**
 * ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln(x m̄) + ln x
 *              − (px+q) ln(γ + x m̄):
 * the density of the mean of x Gamma(p, ν) spends, ν integrated out against Gamma(q, γ).
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendSummary[],
): number {
  const { p, q, gamma } = params;
  const shared = -logGamma(q) + q * Math.log(gamma);
  let total = 0;
  for (const { frequency: x, meanSpend: m } of customers) {
    const px = p * x;
    total +=
      logGamma(px + q) -
      logGamma(px) +
      shared +
      (px - 1) * Math.log(x * m) +
      Math.log(x) -
      (px + q) * Math.log(gamma + x * m);
  }
  return total;
}

/**
 * E[spend per purchase | x, m̄] = p(γ + x m̄)/(px + q − 1): the posterior of ν is
 * Gamma(q + px, γ + x m̄), so the customer's own mean is shrunk towards the population's
 * pγ/(q − 1), the less the fewer purchases it rests on. Without purchases (x = 0) it is the
 * population mean.
 */
export function expectedSpend(params: GammaGammaParams, customer: SpendSummary): number {
  const { p, q, gamma } = params;
  const x = customer.meanSpend > 0 ? customer.frequency : 0;
  return (p * (gamma + x * customer.meanSpend)) / (p * x + q - 1);
}

const LOG_BOUND = 12;

/** Fits Gamma–Gamma by maximum likelihood (Nelder–Mead on ln p, ln(q − 1), ln γ). */
export function fitGammaGamma(
  customers: readonly SpendSummary[],
  seed: number,
): { params: GammaGammaParams; logLikelihood: number } {
  const usable = customers.filter((c) => c.frequency > 0 && c.meanSpend > 0);
  const toParams = (theta: readonly number[]): GammaGammaParams => ({
    p: Math.exp(theta[0] as number),
    q: 1 + Math.exp(theta[1] as number),
    gamma: Math.exp(theta[2] as number),
  });
  const negativeMean = (theta: readonly number[]): number => {
    if (theta.some((v) => Math.abs(v) > LOG_BOUND)) return Infinity;
    return -gammaGammaLogLikelihood(toParams(theta), usable) / usable.length;
  };

  // γ is in money units: start where the population mean spend pγ/(q−1) matches the data's.
  const mean = usable.reduce((sum, c) => sum + c.meanSpend, 0) / usable.length;
  const origin = [0, 0, Math.log(Math.max(mean, 1e-6))];
  const rng = new SeededRandom(seed);
  const starts = [origin, ...[1, 2].map(() => origin.map((v) => v + rng.next() * 4 - 2))];
  let best = { x: origin, value: Infinity };
  for (const start of starts) {
    const found = nelderMead(negativeMean, nelderMead(negativeMean, start).x, { step: 0.1 });
    if (found.value < best.value) best = found;
  }
  return { params: toParams(best.x), logLikelihood: -best.value * usable.length };
}
