import { CrmMlError } from '../errors/crm-ml-error.js';

/**
 * Inverts a symmetric positive-definite n×n matrix (row-major) through its Cholesky factor:
 * A = L·Lᵀ, then A⁻¹ = L⁻ᵀ·L⁻¹. Every inner loop runs along a contiguous row, which keeps
 * it fast enough in plain JavaScript for a few thousand rows. Throws
 * `ml_matrix_not_positive_definite` when a pivot is not positive (a ridge term fixes that).
 */
export function invertSpd(matrix: Float64Array, n: number): Float64Array {
  const l = choleskyFactor(matrix, n);
  const m = invertLowerTriangular(l, n);
  l.fill(0);

  // A⁻¹[i][j] = Σ_k M[k][i]·M[k][j]; M is lower triangular, so k runs from max(i, j).
  const inverse = l;
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const factor = m[rowK + i] as number;
      if (factor === 0) continue;
      const rowI = i * n;
      for (let j = 0; j <= i; j++) {
        inverse[rowI + j] = (inverse[rowI + j] as number) + factor * (m[rowK + j] as number);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) inverse[j * n + i] = inverse[i * n + j] as number;
  }
  return inverse;
}

function choleskyFactor(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let sum = a[rowI + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[rowI + k] as number) * (l[rowJ + k] as number);

      if (i === j) {
        if (!(sum > 0)) {
          throw new CrmMlError(
            'ml_matrix_not_positive_definite',
            `Matrix is not positive definite (pivot ${i} is ${sum})`,
          );
        }
        l[rowI + i] = Math.sqrt(sum);
      } else {
        l[rowI + j] = sum / (l[rowJ + j] as number);
      }
    }
  }
  return l;
}

// Row i of L⁻¹ is (e_i − Σ_{k<i} L[i][k]·row k of L⁻¹) / L[i][i]: axpys along rows.
function invertLowerTriangular(l: Float64Array, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let k = 0; k < i; k++) {
      const factor = l[rowI + k] as number;
      if (factor === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++)
        m[rowI + j] = (m[rowI + j] as number) - factor * (m[rowK + j] as number);
    }
    const pivot = l[rowI + i] as number;
    for (let j = 0; j < i; j++) m[rowI + j] = (m[rowI + j] as number) / pivot;
    m[rowI + i] = 1 / pivot;
  }
  return m;
}
