// Rescale the running sum well before doubles overflow (1.8e308).
const RESCALE_ABOVE = 1e200;
const MAX_TERMS = 1_000_000;

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, by the Gauss series Σ (a)ₙ(b)ₙ/(c)ₙ zⁿ/n!.
 * Every term is positive, so summing cannot cancel; the sum is rescaled as it grows (for a
 * customer with many purchases ₂F₁ can pass 1e300 while the expectation it feeds is below 1),
 * and the log is returned. Near z = 1 the terms shrink like zⁿ, so more of them are needed.
 */
export function logHypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) return Number.NaN;
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (sum > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      logScale += Math.log(RESCALE_ABOVE);
    }
    // Once the ratio is below 1 the terms only shrink, so a negligible term ends the sum.
    if (ratio < 1 && term <= sum * 1e-16) return logScale + Math.log(sum);
  }
  return Number.NaN;
}

/**
 * ₂F₁(a, b; c; z) by the plain series, for c ≤ 0 (not a whole number) where terms may change
 * sign and the log form does not apply. Only small parameters reach it (a customer without
 * repeat purchases when a + b < 1), so the sum cannot overflow.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || (c <= 0 && Number.isInteger(c))) return Number.NaN;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (n > Math.abs(c) + Math.abs(a) + Math.abs(b) && Math.abs(term) <= Math.abs(sum) * 1e-16) {
      return sum;
    }
  }
  return Number.NaN;
}
