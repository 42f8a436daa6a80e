/** How one feature is turned into a comparable scale, kept so scoring repeats it exactly. */
export interface ScaledFeature {
  name: string;
  /** log1p first: counts, money and durations are heavily right-skewed. */
  log: boolean;
  centre: number;
  scale: number;
}

// IQR / 1.349 estimates the standard deviation of a normal sample while ignoring outliers.
const IQR_TO_SD = 1.349;

/**
 * Log-then-robust scaling: each value becomes (t(v) − median) / (IQR / 1.349), with the
 * standard deviation when the IQR is 0 (a feature where most customers share one value).
 * Missing values are filled with the median, so they land at 0.
 */
export class FeatureScaler {
  constructor(readonly features: readonly ScaledFeature[]) {}

  static fit(
    names: readonly string[],
    rows: readonly (readonly (number | null)[])[],
  ): FeatureScaler {
    const features = names.map((name, j): ScaledFeature => {
      const present = rows.map((row) => row[j]).filter((v): v is number => v != null);
      const log = present.every((v) => v >= 0);
      const t = present.map((v) => (log ? Math.log1p(v) : v)).sort((a, b) => a - b);
      const centre = quantile(t, 0.5);
      let scale = (quantile(t, 0.75) - quantile(t, 0.25)) / IQR_TO_SD;
      if (!(scale > 0)) scale = standardDeviation(t);
      return { name, log, centre, scale: scale > 0 ? scale : 1 };
    });
    return new FeatureScaler(features);
  }

  /** One row in scaled units. */
  transform(row: readonly (number | null)[]): number[] {
    return this.features.map((f, j) => {
      const v = row[j];
      if (v == null || !Number.isFinite(v)) return 0;
      return ((f.log ? Math.log1p(Math.max(0, v)) : v) - f.centre) / f.scale;
    });
  }

  /** Back from scaled units to the feature's own units (days, orders, money). */
  inverse(scaled: readonly number[]): number[] {
    return this.features.map((f, j) => {
      const t = (scaled[j] ?? 0) * f.scale + f.centre;
      return f.log ? Math.expm1(t) : t;
    });
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (position - low);
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}
