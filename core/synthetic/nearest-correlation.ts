const SWEEPS = 50;
const MIN_EIGENVALUE = 1e-4;

/**
 * A positive definite correlation matrix near a symmetric `matrix` with unit diagonal: its
 * eigenvalues below a small floor are raised to it (Jacobi eigen-decomposition), then the
 * diagonal is scaled back to 1. Unlike shrinking every entry towards 0, this leaves strong,
 * consistent correlations (0.95 between tenure and total charges) almost as they were.
 */
export function nearestCorrelation(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const clipped = values.map((value) => Math.max(MIN_EIGENVALUE, value));

  const rebuilt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        sum += (vectors[i * n + k] ?? 0) * (clipped[k] ?? 0) * (vectors[j * n + k] ?? 0);
      }
      rebuilt[i * n + j] = sum;
      rebuilt[j * n + i] = sum;
    }
  }
  const scale = Array.from({ length: n }, (_, i) => Math.sqrt(rebuilt[i * n + i] ?? 1));
  return rebuilt.map((value, index) => {
    const i = Math.floor(index / n);
    const j = index % n;
    return i === j ? 1 : value / ((scale[i] ?? 1) * (scale[j] ?? 1));
  });
}

/** Eigenvalues and eigenvectors (as columns of `vectors`) by cyclic Jacobi rotations. */
function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] ?? 0) ** 2;
    if (off < 1e-20) break;

    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] ?? 0;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = ((a[q * n + q] ?? 0) - (a[p * n + p] ?? 0)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] ?? 0;
          const akq = a[k * n + q] ?? 0;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] ?? 0;
          const aqk = a[q * n + k] ?? 0;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] ?? 0;
          const vkq = v[k * n + q] ?? 0;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i] ?? 0), vectors: v };
}
