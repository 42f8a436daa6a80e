import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesSinceFirst,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitSummaryRows,
  logHypergeometric2F1,
  medianWaitGivenAlive,
  probabilityAlive,
} from '../../../plugins/next-purchase/index.js';
import { logGamma } from '../../../plugins/next-purchase/log-gamma.js';
import { simulateBgNbd, summarise } from './simulate-bg-nbd.js';

const close = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );

describe('BG/NBD pieces', () => {
  it('log-gamma and the hypergeometric series match closed forms', () => {
    close(logGamma(5), Math.log(24), 1e-12, 'ln Γ(5)');
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'ln Γ(½)');
    close(logGamma(0.01), Math.log(99.4325851191506), 1e-10, 'ln Γ(0.01)');
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, also close to 1 where the series needs many terms.
    for (const z of [0.1, 0.5, 0.99]) {
      close(logHypergeometric2F1(1, 1, 2, z), Math.log(-Math.log(1 - z) / z), 1e-10, `z ${z}`);
    }
    // ₂F₁(a, b; b; z) = (1 − z)^−a, here far past 1e300 before its log.
    close(logHypergeometric2F1(400, 3, 3, 0.9), -400 * Math.log(0.1), 1e-8, 'large');
  });

  it('gives the hand-computed log-likelihood of tiny cases', () => {
    // r = α = a = b = 1: x = 0, T = 1 gives 1/2; x = 1, t_x = 1, T = 2 gives 1/18 + 1/8.
    const ones = { r: 1, alpha: 1, a: 1, b: 1 };
    close(bgNbdLogLikelihood(ones, [{ frequency: 0, recency: 0, age: 1 }]), -Math.LN2, 1e-12, 'x0');
    close(
      bgNbdLogLikelihood(ones, [{ frequency: 1, recency: 1, age: 2 }]),
      Math.log(13 / 72),
      1e-12,
      'x1',
    );
    // r 2, α 3, a 2, b 3, x 2, t_x 1, T 3: 0.4·6·9/6⁴ + 0.2·6·9/4⁴ = 1/60 + 27/640 = 113/1920.
    const params = { r: 2, alpha: 3, a: 2, b: 3 };
    const customer = { frequency: 2, recency: 1, age: 3 };
    close(bgNbdLogLikelihood(params, [customer]), Math.log(113 / 1920), 1e-12, 'x2');
    // P(alive) = 1/60 / (113/1920): the "still alive" share of the same likelihood.
    close(probabilityAlive(params, customer), 32 / 113, 1e-12, 'P(alive)');
    assert.equal(probabilityAlive(params, { frequency: 0, recency: 0, age: 30 }), 1);
  });

  it('has the conditional expectation and waiting time behave at their limits', () => {
    const params = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const customer = { frequency: 3, recency: 20, age: 39 };
    assert.equal(expectedPurchases(params, customer, 0), 0);
    const short = expectedPurchases(params, customer, 1e-4);
    // Over a tiny t the expectation is P(alive) × the posterior mean rate (r+x)/(α+T) × t.
    const rate = (probabilityAlive(params, customer) * (0.25 + 3)) / (4 + 39);
    close(short / 1e-4, rate, rate * 1e-3, 'slope at 0');
    // a = 1 exactly is a removable singularity.
    const atOne = expectedPurchases({ ...params, a: 1 }, customer, 39);
    const nearOne = expectedPurchases({ ...params, a: 1.001 }, customer, 39);
    close(atOne, nearOne, 1e-3, 'a = 1');
    // Half of alive customers buy before the median wait: ((α+T)/(α+T+w))^(r+x) = ½.
    const wait = medianWaitGivenAlive(params, customer);
    close(Math.pow(43 / (43 + wait), 3.25), 0.5, 1e-12, 'median');
  });
});

describe('BG/NBD fit', () => {
  const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
  // Customers join over 12 weeks and are observed until week 52, as in a cohort study.
  const simulated = simulateBgNbd(truth, 4000, 11, (_, rng) => 40 + 12 * rng.next());
  const summaries = simulated.map(summarise);

  it('recovers the parameters of data simulated from the model', () => {
    const { params } = fitBgNbd(summaries, { seed: 42 });
    close(params.r, truth.r, 0.08, 'r');
    close(params.alpha, truth.alpha, 1.2, 'α');
    // a and b are pinned down together more tightly than apart: check the mean dropout too.
    close(params.a / (params.a + params.b), truth.a / (truth.a + truth.b), 0.04, 'E[p]');
    close(params.a, truth.a, 0.35, 'a');
    close(params.b, truth.b, 1.5, 'b');
  });

  it('predicts the mean repeat purchases of simulated customers', () => {
    // E[X(t)] over customers observed 52 weeks against the simulated mean.
    const year = simulateBgNbd(truth, 4000, 5, () => 52).map(summarise);
    const mean = year.reduce((sum, c) => sum + c.frequency, 0) / year.length;
    close(expectedPurchasesSinceFirst(truth, 52), mean, 0.12, 'E[X(52)]');
  });

  it('is deterministic for a seed and better than the truth on its own data', () => {
    const first = fitBgNbd(summaries, { seed: 7 });
    assert.deepEqual(fitBgNbd(summaries, { seed: 7 }), first);
    assert.ok(first.logLikelihood >= bgNbdLogLikelihood(truth, summaries) - 1e-6);
  });

  it('fits Gamma–Gamma spend and shrinks a customer towards the population mean', () => {
    const spends = simulated
      .filter((c) => c.times.length > 1)
      .map((c) => {
        const repeat = c.spends.slice(1);
        return {
          frequency: repeat.length,
          meanSpend: repeat.reduce((a, b) => a + b, 0) / repeat.length,
        };
      });
    const { params } = fitGammaGamma(spends, 42);
    // Simulated with p 6, q 4, γ 15: a population mean spend of pγ/(q−1) = 30.
    close((params.p * params.gamma) / (params.q - 1), 30, 3, 'mean spend');
    const population = expectedSpend(params, { frequency: 0, meanSpend: 0 });
    const big = expectedSpend(params, { frequency: 1, meanSpend: 300 });
    assert.ok(big < 300 && big > population, `${big} lies between ${population} and 300`);
  });

  it('fits a summary table and names its unreadable rows by line', () => {
    const table = summaries.map((c) => ({
      f: String(c.frequency),
      t_x: String(c.recency),
      T: String(c.age),
    }));
    const columns = { frequency: 'f', recency: 't_x', age: 'T' };
    assert.deepEqual(
      fitSummaryRows(table, columns).params,
      fitBgNbd(summaries, { seed: 42 }).params,
    );
    const broken = [...table.slice(0, 3), { f: 'two', t_x: '1', T: '5' }];
    assert.throws(() => fitSummaryRows(broken, columns), {
      code: 'next_purchase_summary_invalid',
      message: /line 5, f/,
    });
  });

  it('refuses summaries it cannot learn from, naming why', () => {
    assert.throws(() => fitBgNbd([{ frequency: 2, recency: 3, age: 5 }], { seed: 1 }), {
      code: 'next_purchase_too_few_customers',
    });
    const noRepeats = [1, 2, 3].map((age) => ({ frequency: 0, recency: 0, age }));
    assert.throws(() => fitBgNbd(noRepeats, { seed: 1 }), {
      code: 'next_purchase_no_repeat_purchases',
    });
    assert.throws(
      () => fitBgNbd([{ frequency: 1, recency: 9, age: 5 }, ...noRepeats], { seed: 1 }),
      { code: 'next_purchase_summary_invalid', message: /customer 1/ },
    );
  });
});
