import type { Matrix } from '../matrix.js';

/** A fitted tree in flat arrays: node i splits on `feature[i]` (−1 marks a leaf). */
export type FlatTree = {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
};

/** Per-feature bin edges plus every row's bin, so split search works on small histograms. */
export interface BinnedMatrix {
  rows: number;
  cols: number;
  /** `edges[c][b]` is the largest value in bin b of column c; the last bin has no edge. */
  edges: number[][];
  bins: Uint8Array;
}

/** Settings that shape one tree. */
export interface TreeLimits {
  maxDepth: number;
  minSamplesLeaf: number;
  /** L2 penalty on leaf values (λ in the gain formula). */
  l2: number;
  learningRate: number;
}

/** Bins every column into at most `maxBins` bins at distinct-value midpoints or quantiles. */
export function binMatrix(x: Matrix, maxBins: number): BinnedMatrix {
  const edges: number[][] = [];
  const bins = new Uint8Array(x.rows * x.cols);
  for (let c = 0; c < x.cols; c++) {
    const column = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) column[r] = x.data[r * x.cols + c] ?? 0;
    const distinct = [...new Set(Array.from(column).sort((a, b) => a - b))];

    let columnEdges: number[];
    if (distinct.length <= maxBins) {
      columnEdges = distinct.slice(1).map((v, i) => ((distinct[i] ?? v) + v) / 2);
    } else {
      const sorted = Float64Array.from(column).sort();
      const picked = new Set<number>();
      for (let b = 1; b < maxBins; b++) picked.add(sorted[Math.floor((b * x.rows) / maxBins)] ?? 0);
      // Quantile edges sit on data values; the maximum never is an edge (nothing above it).
      columnEdges = [...picked].filter((v) => v < (distinct.at(-1) ?? v)).sort((a, b) => a - b);
    }
    edges.push(columnEdges);

    for (let r = 0; r < x.rows; r++) {
      const v = column[r] ?? 0;
      let bin = 0;
      while (bin < columnEdges.length && v > (columnEdges[bin] ?? 0)) bin++;
      bins[r * x.cols + c] = bin;
    }
  }
  return { rows: x.rows, cols: x.cols, edges, bins };
}

interface SplitChoice {
  feature: number;
  bin: number;
  gain: number;
}

function bestSplit(
  data: BinnedMatrix,
  rows: readonly number[],
  grad: Float64Array,
  hess: Float64Array,
  limits: TreeLimits,
): SplitChoice | undefined {
  let best: SplitChoice | undefined;
  let gSum = 0;
  let hSum = 0;
  for (const r of rows) {
    gSum += grad[r] ?? 0;
    hSum += hess[r] ?? 0;
  }
  const parentScore = (gSum * gSum) / (hSum + limits.l2);

  for (let c = 0; c < data.cols; c++) {
    const binCount = (data.edges[c]?.length ?? 0) + 1;
    if (binCount < 2) continue;
    const g = new Float64Array(binCount);
    const h = new Float64Array(binCount);
    const n = new Int32Array(binCount);
    for (const r of rows) {
      const b = data.bins[r * data.cols + c] ?? 0;
      g[b] = (g[b] ?? 0) + (grad[r] ?? 0);
      h[b] = (h[b] ?? 0) + (hess[r] ?? 0);
      n[b] = (n[b] ?? 0) + 1;
    }

    let gLeft = 0;
    let hLeft = 0;
    let nLeft = 0;
    for (let b = 0; b < binCount - 1; b++) {
      gLeft += g[b] ?? 0;
      hLeft += h[b] ?? 0;
      nLeft += n[b] ?? 0;
      const nRight = rows.length - nLeft;
      if (nLeft < limits.minSamplesLeaf || nRight < limits.minSamplesLeaf) continue;
      const gRight = gSum - gLeft;
      const hRight = hSum - hLeft;
      const gain =
        (gLeft * gLeft) / (hLeft + limits.l2) +
        (gRight * gRight) / (hRight + limits.l2) -
        parentScore;
      if (gain > 1e-9 && (!best || gain > best.gain)) best = { feature: c, bin: b, gain };
    }
  }
  return best;
}

/** Grows one depth-limited tree on gradients and hessians of the rows given. */
export function growTree(
  data: BinnedMatrix,
  rows: number[],
  grad: Float64Array,
  hess: Float64Array,
  limits: TreeLimits,
): FlatTree {
  const tree: FlatTree = { feature: [], threshold: [], left: [], right: [], value: [] };

  const grow = (nodeRows: number[], depth: number): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);

    let g = 0;
    let h = 0;
    for (const r of nodeRows) {
      g += grad[r] ?? 0;
      h += hess[r] ?? 0;
    }
    // Newton step for the leaf, shrunk by the learning rate.
    tree.value.push((-g / (h + limits.l2)) * limits.learningRate);

    const split =
      depth < limits.maxDepth ? bestSplit(data, nodeRows, grad, hess, limits) : undefined;
    if (!split) return id;

    const leftRows: number[] = [];
    const rightRows: number[] = [];
    for (const r of nodeRows) {
      ((data.bins[r * data.cols + split.feature] ?? 0) <= split.bin ? leftRows : rightRows).push(r);
    }
    tree.feature[id] = split.feature;
    tree.threshold[id] = data.edges[split.feature]?.[split.bin] ?? 0;
    tree.left[id] = grow(leftRows, depth + 1);
    tree.right[id] = grow(rightRows, depth + 1);
    return id;
  };

  grow(rows, 0);
  return tree;
}

/** The leaf value a row of `x` reaches; values ≤ threshold go left. */
export function treeValue(tree: FlatTree, x: Matrix, row: number): number {
  let node = 0;
  for (;;) {
    const feature = tree.feature[node] ?? -1;
    if (feature < 0) return tree.value[node] ?? 0;
    const v = x.data[row * x.cols + feature] ?? 0;
    node = (v <= (tree.threshold[node] ?? 0) ? tree.left[node] : tree.right[node]) ?? 0;
  }
}
