import { SeededRandom } from '../../../core/ml/random.js';
import type { BgNbdParams, CustomerSummary } from '../../../plugins/next-purchase/index.js';

/** A Gamma(shape, rate) draw: Marsaglia–Tsang, boosted by U^(1/shape) for shape < 1. */
export function gammaDraw(rng: SeededRandom, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(rng, shape + 1, rate) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.nextNormal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** One simulated customer: purchase times (weeks after the first, which is 0) up to `age`. */
export interface SimulatedCustomer {
  times: number[];
  age: number;
  /** Spend of every purchase, the first included. */
  spends: number[];
}

/**
 * Customers drawn from BG/NBD exactly as the model states it: λ ~ Gamma(r, α), p ~ Beta(a, b),
 * Poisson purchases while alive, dropout with probability p after each repeat purchase; spends from
 * Gamma–Gamma (p_s, q, γ) when given. Each customer is observed for `ageOf(i)` weeks.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  count: number,
  seed: number,
  ageOf: (i: number, rng: SeededRandom) => number,
  spend = { p: 6, q: 4, gamma: 15 },
): SimulatedCustomer[] {
  const rng = new SeededRandom(seed);
  const customers: SimulatedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const age = ageOf(i, rng);
    const lambda = gammaDraw(rng, params.r, params.alpha);
    const x = gammaDraw(rng, params.a, 1);
    const dropout = x / (x + gammaDraw(rng, params.b, 1));
    const nu = gammaDraw(rng, spend.q, spend.gamma);

    const times = [0];
    let t = 0;
    // After each repeat purchase (not the first: paper eq. 3) the customer may drop out.
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > age) break;
      times.push(t);
      if (rng.next() < dropout) break;
    }
    customers.push({ times, age, spends: times.map(() => gammaDraw(rng, spend.p, nu)) });
  }
  return customers;
}

/** The (x, t_x, T) the model is fitted on. */
export function summarise(customer: SimulatedCustomer): CustomerSummary {
  return {
    frequency: customer.times.length - 1,
    recency: customer.times[customer.times.length - 1] ?? 0,
    age: customer.age,
  };
}
