import type { ColumnGroups } from '../column-groups.js';
import type { Matrix } from '../matrix.js';
import type { FlatTree } from './regression-tree.js';

/**
 * The trees of a boosted model in shared typed arrays: scoring walks hundreds of trees per
 * row, and flat typed arrays keep those walks free of per-tree object lookups. Each tree is
 * laid out breadth first so a split's two children sit side by side (`firstChild` and the
 * next node), and each node keeps the change in value from its parent, so a walk that
 * explains does no more reads than one that predicts. Node `roots[t]` starts tree t; a
 * feature of −1 marks a leaf.
 */
export class PackedForest {
  private constructor(
    private readonly roots: Int32Array,
    private readonly feature: Int32Array,
    private readonly threshold: Float64Array,
    private readonly firstChild: Int32Array,
    private readonly value: Float64Array,
    /** value[node] − value[parent]: what the split into this node credits to its column. */
    private readonly credit: Float64Array,
  ) {}

  static of(trees: readonly FlatTree[]): PackedForest {
    const nodes = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
    const roots = new Int32Array(trees.length);
    const feature = new Int32Array(nodes).fill(-1);
    const threshold = new Float64Array(nodes);
    const firstChild = new Int32Array(nodes).fill(-1);
    const value = new Float64Array(nodes);
    const credit = new Float64Array(nodes);

    let next = 0;
    trees.forEach((tree, t) => {
      roots[t] = next;
      // Breadth first from the root: [tree node, packed slot] pairs still to place.
      const queue: [number, number][] = [[0, next++]];
      for (let head = 0; head < queue.length; head++) {
        const [node, slot] = queue[head] as [number, number];
        const f = tree.feature[node] ?? -1;
        value[slot] = tree.value[node] ?? 0;
        if (f < 0) continue;

        feature[slot] = f;
        threshold[slot] = tree.threshold[node] ?? 0;
        firstChild[slot] = next;
        const children = [tree.left[node] ?? 0, tree.right[node] ?? 0];
        for (const child of children) {
          credit[next] = (tree.value[child] ?? 0) - (tree.value[node] ?? 0);
          queue.push([child, next++]);
        }
      }
    });
    return new PackedForest(roots, feature, threshold, firstChild, value, credit);
  }

  /** Adds every tree's leaf value to each row's entry of `out`, in tree order. */
  addLeafValues(x: Matrix, out: Float64Array): void {
    const { roots, value } = this;
    for (let r = 0; r < x.rows; r++) {
      const row = r * x.cols;
      let sum = out[r] ?? 0;
      for (let t = 0; t < roots.length; t++) {
        sum += value[this.leafOf(x.data, row, roots[t] ?? 0)] ?? 0;
      }
      out[r] = sum;
    }
  }

  /**
   * Prediction and path credits in one walk per row and tree. Adds every leaf value to the
   * row's `logits` entry and credits every split to its column's property in `credits`
   * (row-major [rows × groups.width]): the split moves the row from a node's value to its
   * child's, and that change is the credit. A row's credits in one tree sum to its leaf value
   * minus the root value, so they are exact shares of the log-odds, not an approximation.
   * Columns owned by no property (owner −1) take no credit.
   */
  addLogitsAndCredits(
    x: Matrix,
    logits: Float64Array,
    credits: Float64Array,
    groups: ColumnGroups,
  ): void {
    const { roots, feature, threshold, firstChild, value, credit } = this;
    const owner = this.splitOwners(groups);
    const { width } = groups;
    const data = x.data;

    for (let r = 0; r < x.rows; r++) {
      const row = r * x.cols;
      const out = r * width;
      let sum = logits[r] ?? 0;
      for (let t = 0; t < roots.length; t++) {
        let node = roots[t] ?? 0;
        let f = feature[node] ?? -1;
        while (f >= 0) {
          const p = owner[node] ?? -1;
          node = (firstChild[node] ?? 0) + ((data[row + f] ?? 0) <= (threshold[node] ?? 0) ? 0 : 1);
          if (p >= 0) credits[out + p] = (credits[out + p] ?? 0) + (credit[node] ?? 0);
          f = feature[node] ?? -1;
        }
        sum += value[node] ?? 0;
      }
      logits[r] = sum;
    }
  }

  /** Per node, the property its split is credited to (−1 for leaves and unowned columns). */
  private splitOwners(groups: ColumnGroups): Int32Array {
    const owners = new Int32Array(this.feature.length);
    this.feature.forEach((f, node) => {
      owners[node] = f >= 0 ? (groups.owner[f] ?? -1) : -1;
    });
    return owners;
  }

  private leafOf(data: Float64Array, row: number, root: number): number {
    let node = root;
    let f = this.feature[node] ?? -1;
    while (f >= 0) {
      const right = (data[row + f] ?? 0) <= (this.threshold[node] ?? 0) ? 0 : 1;
      node = (this.firstChild[node] ?? 0) + right;
      f = this.feature[node] ?? -1;
    }
    return node;
  }
}
