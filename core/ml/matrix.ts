/** A dense row-major matrix of features: row r, column c is `data[r * cols + c]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** An all-zero matrix. */
export function zeroMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** The rows of `m` at `indices`, in that order. */
export function selectRows(m: Matrix, indices: readonly number[]): Matrix {
  const out = zeroMatrix(indices.length, m.cols);
  indices.forEach((row, i) => {
    out.data.set(m.data.subarray(row * m.cols, (row + 1) * m.cols), i * m.cols);
  });
  return out;
}

/** The entries of `values` at `indices`. */
export function selectValues(values: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length);
  indices.forEach((row, i) => {
    out[i] = values[row] ?? 0;
  });
  return out;
}

/** The logistic function, safe for large magnitudes. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Log-odds of a probability, clipped so 0 and 1 stay finite. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
  return Math.log(q / (1 - q));
}
