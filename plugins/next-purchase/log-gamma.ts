// Lanczos approximation, g = 7 with nine coefficients: about 15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (NaN otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  // The reflection formula keeps the series in its accurate range for small x.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);

  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Below this many steps the product is cheaper and exact to rounding; above it Γ is used.
const RISING_PRODUCT_LIMIT = 64;

/**
 * ln(Γ(v + n) / Γ(v)), the log of the rising factorial v(v+1)…(v+n−1), for v > 0, n ≥ 0.
 * Purchase counts are whole numbers, so the sum of logs avoids subtracting two large
 * log-gammas (which loses digits when v is small and n large).
 */
export function logRising(v: number, n: number): number {
  if (Number.isInteger(n) && n <= RISING_PRODUCT_LIMIT) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.log(v + k);
    return sum;
  }
  return logGamma(v + n) - logGamma(v);
}
