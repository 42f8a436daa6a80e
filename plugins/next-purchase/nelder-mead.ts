/** Settings of `nelderMead`; the defaults suit a handful of log-parameters. */
export interface NelderMeadOptions {
  /** Size of the first simplex's steps from the start point. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's function values differ by less than this. */
  tolerance?: number;
}

/** The best point found and its value. */
export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Minimises `f` from `start` with the Nelder–Mead simplex (reflection 1, expansion 2,
 * contraction ½, shrink ½). It needs no gradient, which suits likelihoods written with
 * log-gamma and hypergeometric pieces. A NaN value counts as +∞, so steps into regions where
 * `f` is undefined are simply rejected.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): Minimum {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 4000;
  const tolerance = options.tolerance ?? 1e-10;
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  let simplex = [
    start.slice(),
    ...start.map((_, i) => start.map((v, j) => v + (i === j ? step : 0))),
  ];
  let values = simplex.map(value);

  while (evaluations < maxEvaluations) {
    const order = values
      .map((_, i) => i)
      .sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Math.abs(worst - best) <= tolerance * (1 + Math.abs(best))) break;

    const centroid = start.map(
      (_, j) => simplex.slice(0, n).reduce((s, p) => s + (p[j] as number), 0) / n,
    );
    const towards = (t: number): number[] =>
      centroid.map((c, j) => c + t * (((simplex[n] as number[])[j] as number) - c));

    const reflected = towards(-1);
    const reflectedValue = value(reflected);
    if (reflectedValue < best) {
      const expanded = towards(-2);
      const expandedValue = value(expanded);
      const [point, v] =
        expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
      simplex[n] = point;
      values[n] = v;
      continue;
    }
    if (reflectedValue < (values[n - 1] as number)) {
      simplex[n] = reflected;
      values[n] = reflectedValue;
      continue;
    }

    const contracted = towards(reflectedValue < worst ? -0.5 : 0.5);
    const contractedValue = value(contracted);
    if (contractedValue < Math.min(worst, reflectedValue)) {
      simplex[n] = contracted;
      values[n] = contractedValue;
      continue;
    }

    const anchor = simplex[0] as number[];
    simplex = simplex.map((p, i) =>
      i === 0 ? p : p.map((v, j) => (anchor[j] as number) + 0.5 * (v - (anchor[j] as number))),
    );
    values = simplex.map((p, i) => (i === 0 ? best : value(p)));
  }

  const bestIndex = values.reduce((b, v, i) => (v < (values[b] as number) ? i : b), 0);
  return {
    x: (simplex[bestIndex] as number[]).slice(),
    value: values[bestIndex] as number,
    evaluations,
  };
}
