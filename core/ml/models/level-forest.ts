import type { ColumnGroups } from '../column-groups.js';
import type { Matrix } from '../matrix.js';
import type { FlatTree } from './regression-tree.js';

/** Deeper forests keep `PackedForest`: padding every tree to 2^depth leaves stops paying. */
export const MAX_LEVEL_DEPTH = 6;

// Rows walked together through one tree: their ranked features and credits fit in L1.
const BLOCK_ROWS = 64;

// Depth 3 (the default) is walked by unrolled code: a loop over a depth read at run time
// costs about a third more per tree.
const UNROLLED_DEPTH = 3;

// A padding split's rank: above every value's rank, so the walk always goes left.
const ALWAYS_LEFT = 0x3fffffff;
const EMPTY = new Float64Array(0);

/**
 * A boosted forest with every tree padded to one complete depth, laid out as implicit heaps
 * (node n's children are 2n+1 and 2n+2) in shared typed arrays. A leaf above the full depth
 * becomes a chain of splits that always go left (threshold +∞) and credit nothing, so each
 * walk is a fixed number of steps with no test for leaves. Scoring runs tree by tree over a
 * block of rows, so one tree's few hundred bytes stay in cache while the block passes it.
 *
 * Results equal `PackedForest`'s bit for bit: each row adds its leaf values in tree order and
 * each property's credits in tree, then root-to-leaf, order, exactly as one walk per row does.
 */
export class LevelForest {
  private constructor(
    private readonly trees: number,
    private readonly depth: number,
    /** Per tree, its 2^depth − 1 splits: the column compared and its threshold's rank. */
    private readonly feature: Int32Array,
    private readonly rank: Int32Array,
    /** Per tree, for each of its 2^(depth+1) − 1 nodes: value[node] − value[parent]. */
    private readonly credit: Float64Array,
    /** Per tree, its 2^depth leaf values. */
    private readonly leaf: Float64Array,
    /** Per split, whether it is real (1) or padding (0); padding credits nothing. */
    private readonly real: Uint8Array,
    /** Per column, the distinct thresholds its splits use, ascending. */
    private readonly cuts: readonly Float64Array[],
  ) {}

  /** The forest in level form, or null when a tree is deeper than `MAX_LEVEL_DEPTH`. */
  static of(trees: readonly FlatTree[]): LevelForest | null {
    const deepest = trees.reduce((most, tree) => Math.max(most, treeDepth(tree, 0)), 0);
    if (deepest > MAX_LEVEL_DEPTH) return null;
    // Shallower forests are padded to the default depth, which has a walk of its own.
    const depth = Math.max(deepest, UNROLLED_DEPTH);

    const splits = 2 ** depth - 1;
    const nodes = 2 ** (depth + 1) - 1;
    const leaves = 2 ** depth;
    const forest = new LevelForest(
      trees.length,
      depth,
      new Int32Array(trees.length * splits),
      new Int32Array(trees.length * splits).fill(ALWAYS_LEFT),
      new Float64Array(trees.length * nodes),
      new Float64Array(trees.length * leaves),
      new Uint8Array(trees.length * splits),
      thresholdsPerColumn(trees),
    );
    trees.forEach((tree, t) => forest.place(tree, t));
    return forest;
  }

  /** Copies tree `t` into its heap slots, padding early leaves down to the full depth. */
  private place(tree: FlatTree, t: number): void {
    const splits = 2 ** this.depth - 1;
    const nodes = 2 ** (this.depth + 1) - 1;
    // [tree node, heap slot]; a padded slot keeps naming the leaf it continues.
    const stack: [number, number][] = [[0, 0]];
    while (stack.length > 0) {
      const [node, slot] = stack.pop() as [number, number];
      const value = tree.value[node] ?? 0;
      if (slot >= splits) {
        this.leaf[t * (splits + 1) + slot - splits] = value;
        continue;
      }

      const f = tree.feature[node] ?? -1;
      const left = 2 * slot + 1;
      if (f < 0) {
        // Padding: both children continue this leaf with no change, so no credit.
        stack.push([node, left], [node, left + 1]);
        continue;
      }
      this.feature[t * splits + slot] = f;
      this.rank[t * splits + slot] = rankOf(this.cuts[f] ?? EMPTY, tree.threshold[node] ?? 0);
      this.real[t * splits + slot] = 1;
      const children = [tree.left[node] ?? 0, tree.right[node] ?? 0];
      children.forEach((child, side) => {
        this.credit[t * nodes + left + side] = (tree.value[child] ?? 0) - value;
        stack.push([child, left + side]);
      });
    }
  }

  /** Adds every tree's leaf value to each row's entry of `out`, in tree order. */
  addLeafValues(x: Matrix, out: Float64Array): void {
    this.walk(x, out, null, null);
  }

  /**
   * Prediction and path credits in one walk per row and tree, as
   * `PackedForest.addLogitsAndCredits`: leaf values into `logits`, each real split's change
   * into `credits` (row-major [rows × groups.width]) at its column's property.
   */
  addLogitsAndCredits(
    x: Matrix,
    logits: Float64Array,
    credits: Float64Array,
    groups: ColumnGroups,
  ): void {
    this.walk(x, logits, credits, groups);
  }

  private walk(
    x: Matrix,
    logits: Float64Array,
    credits: Float64Array | null,
    groups: ColumnGroups | null,
  ): void {
    const width = groups?.width ?? 0;
    // Padding and unowned columns credit a spare slot past the properties, never read.
    const owners = this.splitOwners(groups, width);
    const columns = new Int32Array(x.cols * BLOCK_ROWS);
    const sums = new Float64Array(BLOCK_ROWS);
    const blockCredits = new Float64Array((width + 1) * BLOCK_ROWS);

    for (let start = 0; start < x.rows; start += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, x.rows - start);
      this.rankBlock(x, start, rows, columns);
      for (let r = 0; r < rows; r++) sums[r] = logits[start + r] ?? 0;

      if (credits === null) {
        this.predictBlock(columns, rows, sums);
      } else {
        blockCredits.fill(0);
        if (this.depth === UNROLLED_DEPTH)
          this.explainDepth3(columns, rows, sums, blockCredits, owners);
        else this.explainBlock(columns, rows, sums, blockCredits, owners);
        for (let r = 0; r < rows; r++) {
          const out = (start + r) * width;
          for (let p = 0; p < width; p++) credits[out + p] = blockCredits[p * BLOCK_ROWS + r] ?? 0;
        }
      }
      for (let r = 0; r < rows; r++) logits[start + r] = sums[r] ?? 0;
    }
  }

  /**
   * Rows `start…start+rows` of `x` as ranks, column-major with a stride of a block: a value's
   * rank is how many of its column's thresholds lie below it, so `value <= threshold` holds
   * exactly when `rank(value) <= rank(threshold)`, and the walk compares integers without
   * a branch (a float comparison per step mispredicts half the time).
   */
  private rankBlock(x: Matrix, start: number, rows: number, columns: Int32Array): void {
    const { cols, data } = x;
    for (let c = 0; c < cols; c++) {
      const cuts = this.cuts[c] ?? EMPTY;
      if (cuts.length === 0) continue;
      for (let r = 0; r < rows; r++) {
        columns[c * BLOCK_ROWS + r] = rankOf(cuts, data[(start + r) * cols + c] ?? 0);
      }
    }
  }

  // The two walks below read typed arrays at indices built in range by construction; the
  // `as number` casts skip a per-read undefined test in the hottest loops of scoring.
  private predictBlock(columns: Int32Array, rows: number, sums: Float64Array): void {
    const { feature, rank, leaf, depth, trees } = this;
    const splits = 2 ** depth - 1;
    for (let t = 0; t < trees; t++) {
      const s = t * splits;
      const l = t * (splits + 1) - splits;
      for (let r = 0; r < rows; r++) {
        let n = 0;
        for (let level = 0; level < depth; level++) {
          const value = columns[(feature[s + n] as number) * BLOCK_ROWS + r] as number;
          n = 2 * n + 1 + (((rank[s + n] as number) - value) >>> 31);
        }
        sums[r] = (sums[r] as number) + (leaf[l + n] as number);
      }
    }
  }

  private explainBlock(
    columns: Int32Array,
    rows: number,
    sums: Float64Array,
    blockCredits: Float64Array,
    owners: Int32Array,
  ): void {
    const { feature, rank, leaf, credit, depth, trees } = this;
    const splits = 2 ** depth - 1;
    const nodes = 2 * splits + 1;
    for (let t = 0; t < trees; t++) {
      const s = t * splits;
      const c = t * nodes;
      const l = t * (splits + 1) - splits;
      for (let r = 0; r < rows; r++) {
        let n = 0;
        for (let level = 0; level < depth; level++) {
          const split = s + n;
          const value = columns[(feature[split] as number) * BLOCK_ROWS + r] as number;
          const at = (owners[split] as number) * BLOCK_ROWS + r;
          // Right (+1) exactly when the value's rank passes the threshold's.
          n = 2 * n + 1 + (((rank[split] as number) - value) >>> 31);
          blockCredits[at] = (blockCredits[at] as number) + (credit[c + n] as number);
        }
        sums[r] = (sums[r] as number) + (leaf[l + n] as number);
      }
    }
  }

  /** `explainBlock` for depth 3, the three steps written out (splits 7, nodes 15). */
  private explainDepth3(
    columns: Int32Array,
    rows: number,
    sums: Float64Array,
    blockCredits: Float64Array,
    owners: Int32Array,
  ): void {
    const { feature, rank, leaf, credit, trees } = this;
    for (let t = 0; t < trees; t++) {
      const s = t * 7;
      const c = t * 15;
      const l = t * 8 - 7;
      const rootColumn = (feature[s] as number) * BLOCK_ROWS;
      const rootRank = rank[s] as number;
      const rootOwner = (owners[s] as number) * BLOCK_ROWS;
      for (let r = 0; r < rows; r++) {
        const first = 1 + ((rootRank - (columns[rootColumn + r] as number)) >>> 31);
        let at = rootOwner + r;
        blockCredits[at] = (blockCredits[at] as number) + (credit[c + first] as number);

        let split = s + first;
        let value = columns[(feature[split] as number) * BLOCK_ROWS + r] as number;
        const second = 2 * first + 1 + (((rank[split] as number) - value) >>> 31);
        at = (owners[split] as number) * BLOCK_ROWS + r;
        blockCredits[at] = (blockCredits[at] as number) + (credit[c + second] as number);

        split = s + second;
        value = columns[(feature[split] as number) * BLOCK_ROWS + r] as number;
        const third = 2 * second + 1 + (((rank[split] as number) - value) >>> 31);
        at = (owners[split] as number) * BLOCK_ROWS + r;
        blockCredits[at] = (blockCredits[at] as number) + (credit[c + third] as number);

        sums[r] = (sums[r] as number) + (leaf[l + third] as number);
      }
    }
  }

  /** Per split, the property credited: its column's owner, or the spare slot `width`. */
  private splitOwners(groups: ColumnGroups | null, width: number): Int32Array {
    const owners = new Int32Array(this.feature.length).fill(width);
    if (groups === null) return owners;
    this.feature.forEach((f, split) => {
      const owner = groups.owner[f] ?? -1;
      if (this.real[split] === 1 && owner >= 0) owners[split] = owner;
    });
    return owners;
  }
}

/** Levels below `node`: 0 for a leaf. */
function treeDepth(tree: FlatTree, node: number): number {
  if ((tree.feature[node] ?? -1) < 0) return 0;
  const left = treeDepth(tree, tree.left[node] ?? 0);
  const right = treeDepth(tree, tree.right[node] ?? 0);
  return 1 + Math.max(left, right);
}

/** Every column's distinct split thresholds, ascending (empty for unused columns). */
function thresholdsPerColumn(trees: readonly FlatTree[]): Float64Array[] {
  const seen: Set<number>[] = [];
  for (const tree of trees) {
    tree.feature.forEach((f, node) => {
      if (f < 0) return;
      const set = (seen[f] ??= new Set<number>());
      set.add(tree.threshold[node] ?? 0);
    });
  }
  return Array.from(seen, (set) => Float64Array.from(set ?? []).sort());
}

/** How many of `cuts` (ascending) are below `value`. */
function rankOf(cuts: Float64Array, value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((cuts[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
