/** How close per-customer forecasts came to what happened. */
export interface ForecastFigures {
  mae: number;
  rmse: number;
  /** Pearson correlation; null when either side is constant (a population-wide guess). */
  correlation: number | null;
  total_predicted: number;
}

/** MAE, RMSE, correlation and the total of `predicted` against `actual`, pairwise. */
export function forecastFigures(
  predicted: readonly number[],
  actual: readonly number[],
): ForecastFigures {
  const n = predicted.length;
  let absolute = 0;
  let squared = 0;
  predicted.forEach((p, i) => {
    const error = p - (actual[i] as number);
    absolute += Math.abs(error);
    squared += error * error;
  });
  return {
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
    correlation: pearson(predicted, actual),
    total_predicted: predicted.reduce((sum, p) => sum + p, 0),
  };
}

function pearson(u: readonly number[], v: readonly number[]): number | null {
  const n = u.length;
  const meanU = u.reduce((s, x) => s + x, 0) / n;
  const meanV = v.reduce((s, x) => s + x, 0) / n;
  let cov = 0;
  let varU = 0;
  let varV = 0;
  u.forEach((x, i) => {
    const du = x - meanU;
    const dv = (v[i] as number) - meanV;
    cov += du * dv;
    varU += du * du;
    varV += dv * dv;
  });
  // Relative to the mean, so rounding noise in a constant forecast does not count as spread.
  const constant = (variance: number, mean: number): boolean =>
    variance <= 1e-24 * n * Math.max(1, mean * mean);
  if (constant(varU, meanU) || constant(varV, meanV)) return null;
  return cov / Math.sqrt(varU * varV);
}
