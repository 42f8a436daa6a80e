// Coefficients of Acklam's rational approximation to the standard normal quantile
// (relative error below 1.2e-9, far finer than sampling noise).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const LOW_TAIL = 0.02425;

/** Evaluates a polynomial with coefficients from the highest power down (Horner). */
function horner(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((sum, c) => sum * x + c, 0);
}

/** The standard normal CDF Φ(x), from the complementary error function. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Φ⁻¹(p) for p in (0, 1); p is clipped away from 0 and 1 so the result stays finite. */
export function normalQuantile(probability: number): number {
  const p = Math.min(1 - 1e-12, Math.max(1e-12, probability));
  let x: number;
  if (p < LOW_TAIL) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = horner(C, q) / (horner(D, q) * q + 1);
  } else if (p > 1 - LOW_TAIL) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -horner(C, q) / (horner(D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (horner(A, r) * q) / (horner(B, r) * r + 1);
  }
  return x;
}

/** erfc by the Chebyshev-fitted formula of Numerical Recipes (fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = horner(
    [
      0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418,
      0.37409196, 1.00002368, -1.26551223,
    ],
    t,
  );
  const value = t * Math.exp(-z * z + poly);
  return x >= 0 ? value : 2 - value;
}
