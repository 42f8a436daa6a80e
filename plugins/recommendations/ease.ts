import { invertSpd } from '../../core/ml/spd-inverse.js';
import { coOccurrence, sparsifyRows, type ItemNeighbours } from './item-neighbours.js';

/**
 * EASE (Steck 2019): the item × item weights B minimising ‖X − XB‖² + λ‖B‖² with a zero
 * diagonal, in closed form: P = (XᵀX + λI)⁻¹, B[i][j] = −P[i][j] / P[j][j]. X is the binary
 * customer × item matrix. Keeps each item's `k` largest positive weights.
 *
 * With fewer customers than items the inverse comes through the customer side (Woodbury:
 * P = (I − Xᵀ(XXᵀ + λI)⁻¹X) / λ), so the dense solve is min(customers, items)³.
 */
export function fitEase(
  lists: readonly Int32Array[],
  n: number,
  lambda: number,
  k: number,
): ItemNeighbours {
  const p =
    lists.length < n ? inverseByCustomers(lists, n, lambda) : inverseByItems(lists, n, lambda);

  // Reuse p's storage for B row by row: B[i][j] only needs P[i][j] and the saved diagonal.
  const diagonal = new Float64Array(n);
  for (let j = 0; j < n; j++) diagonal[j] = p[j * n + j] as number;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      p[i * n + j] = i === j ? 0 : -(p[i * n + j] as number) / (diagonal[j] as number);
    }
  }
  return sparsifyRows(p, n, k);
}

function inverseByItems(lists: readonly Int32Array[], n: number, lambda: number): Float64Array {
  const gram = coOccurrence(lists, n);
  for (let i = 0; i < n; i++) gram[i * n + i] = (gram[i * n + i] as number) + lambda;
  return invertSpd(gram, n);
}

function inverseByCustomers(lists: readonly Int32Array[], n: number, lambda: number): Float64Array {
  const m = lists.length;
  const buyers = buyersOfItems(lists, n);
  const kernel = invertSpd(customerGram(buyers, m, lambda), m);

  // Qᵀ = (K·X)ᵀ, n × m: row i sums the kernel rows of item i's buyers (K is symmetric).
  const qt = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (const u of buyers[i] as number[]) {
      const from = u * m;
      const to = i * m;
      for (let v = 0; v < m; v++)
        qt[to + v] = (qt[to + v] as number) + (kernel[from + v] as number);
    }
  }

  // P = (I − XᵀKX) / λ, where (XᵀKX)[i][j] = Σ over buyers u of i of Qᵀ[j][u].
  const p = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = j * m;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const u of buyers[i] as number[]) sum += qt[row + u] as number;
      p[j * n + i] = ((i === j ? 1 : 0) - sum) / lambda;
    }
  }
  return p;
}

function buyersOfItems(lists: readonly Int32Array[], n: number): number[][] {
  const buyers: number[][] = Array.from({ length: n }, () => []);
  lists.forEach((items, u) => {
    for (const item of items) (buyers[item] as number[]).push(u);
  });
  return buyers;
}

// XXᵀ + λI: customers u and v share as many items as both bought.
function customerGram(buyers: readonly number[][], m: number, lambda: number): Float64Array {
  const gram = new Float64Array(m * m);
  for (const group of buyers) {
    for (const u of group) {
      for (const v of group) gram[u * m + v] = (gram[u * m + v] as number) + 1;
    }
  }
  for (let u = 0; u < m; u++) gram[u * m + u] = (gram[u * m + u] as number) + lambda;
  return gram;
}
