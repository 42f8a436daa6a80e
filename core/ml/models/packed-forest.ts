import type { Matrix } from '../matrix.js';
import type { FlatTree } from './regression-tree.js';

/**
 * The trees of a boosted model in shared typed arrays: scoring walks hundreds of trees per
 * row, and flat typed arrays keep those walks free of per-tree object lookups. Children
 * indices are global; node `roots[t]` starts tree t; a feature of −1 marks a leaf.
 */
export class PackedForest {
  private constructor(
    private readonly roots: Int32Array,
    private readonly feature: Int32Array,
    private readonly threshold: Float64Array,
    private readonly left: Int32Array,
    private readonly right: Int32Array,
    private readonly value: Float64Array,
  ) {}

  static of(trees: readonly FlatTree[]): PackedForest {
    const nodes = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
    const roots = new Int32Array(trees.length);
    const feature = new Int32Array(nodes);
    const threshold = new Float64Array(nodes);
    const left = new Int32Array(nodes);
    const right = new Int32Array(nodes);
    const value = new Float64Array(nodes);

    let offset = 0;
    trees.forEach((tree, t) => {
      roots[t] = offset;
      tree.feature.forEach((f, i) => {
        feature[offset + i] = f;
        threshold[offset + i] = tree.threshold[i] ?? 0;
        left[offset + i] = offset + (tree.left[i] ?? 0);
        right[offset + i] = offset + (tree.right[i] ?? 0);
        value[offset + i] = tree.value[i] ?? 0;
      });
      offset += tree.feature.length;
    });
    return new PackedForest(roots, feature, threshold, left, right, value);
  }

  /** Adds every tree's leaf value to each row's entry of `out`, in tree order. */
  addLeafValues(x: Matrix, out: Float64Array): void {
    for (let r = 0; r < x.rows; r++) {
      const row = r * x.cols;
      let sum = out[r] ?? 0;
      for (const root of this.roots) sum += this.value[this.leafOf(x.data, row, root)] ?? 0;
      out[r] = sum;
    }
  }

  /**
   * Adds each row's path credits to `out` (row-major [rows × cols]): every split moves the
   * row from a node's value to its child's, and that change goes to the split's column. A
   * row's credits in one tree sum to its leaf value minus the root value.
   */
  addPathCredits(x: Matrix, out: Float64Array): void {
    const { feature, threshold, left, right, value } = this;
    for (let r = 0; r < x.rows; r++) {
      const row = r * x.cols;
      for (const root of this.roots) {
        let node = root;
        let f = feature[node] ?? -1;
        while (f >= 0) {
          const v = x.data[row + f] ?? 0;
          const child = (v <= (threshold[node] ?? 0) ? left[node] : right[node]) ?? 0;
          out[row + f] = (out[row + f] ?? 0) + (value[child] ?? 0) - (value[node] ?? 0);
          node = child;
          f = feature[node] ?? -1;
        }
      }
    }
  }

  private leafOf(data: Float64Array, row: number, root: number): number {
    let node = root;
    let f = this.feature[node] ?? -1;
    while (f >= 0) {
      const v = data[row + f] ?? 0;
      node = (v <= (this.threshold[node] ?? 0) ? this.left[node] : this.right[node]) ?? 0;
      f = this.feature[node] ?? -1;
    }
    return node;
  }
}
