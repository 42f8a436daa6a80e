/**
 * An undirected weighted graph over nodes `0 … size-1` in compressed sparse rows: each edge
 * is listed under both of its ends, and a node's self weight (what aggregated community
 * graphs carry) is kept apart in `loops`. Built once, then only read.
 */
export class WeightedGraph {
  /** Weighted degree of each node: its edge weights plus twice its self weight. */
  readonly degrees: Float64Array;
  /** Sum of all edge weights, self weights included (m in the modularity formula). */
  readonly totalWeight: number;

  private constructor(
    readonly size: number,
    readonly offsets: Int32Array,
    readonly neighbours: Int32Array,
    readonly weights: Float64Array,
    readonly loops: Float64Array,
  ) {
    this.degrees = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      let degree = 2 * (loops[i] ?? 0);
      for (let e = offsets[i] ?? 0; e < (offsets[i + 1] ?? 0); e++) degree += weights[e] ?? 0;
      this.degrees[i] = degree;
      total += degree;
    }
    this.totalWeight = total / 2;
  }

  /**
   * A graph from weighted pairs; repeated pairs add up, a pair `(i, i)` becomes self weight.
   * Weights must be positive (the callers skip others with a reason).
   */
  static fromEdges(
    size: number,
    edges: readonly (readonly [number, number, number])[],
  ): WeightedGraph {
    const loops = new Float64Array(size);
    const merged = new Map<number, number>();
    for (const [a, b, weight] of edges) {
      if (a === b) {
        loops[a] = (loops[a] ?? 0) + weight;
        continue;
      }
      const key = a < b ? a * size + b : b * size + a;
      merged.set(key, (merged.get(key) ?? 0) + weight);
    }

    const counts = new Int32Array(size + 1);
    for (const key of merged.keys()) {
      counts[Math.floor(key / size) + 1] = (counts[Math.floor(key / size) + 1] ?? 0) + 1;
      counts[(key % size) + 1] = (counts[(key % size) + 1] ?? 0) + 1;
    }
    for (let i = 0; i < size; i++) counts[i + 1] = (counts[i + 1] ?? 0) + (counts[i] ?? 0);
    const offsets = Int32Array.from(counts);
    const cursor = Int32Array.from(counts);
    const neighbours = new Int32Array(2 * merged.size);
    const weights = new Float64Array(2 * merged.size);
    // Keys in ascending order list each node's smaller neighbours, then its larger ones, both
    // ascending: rows come out sorted, which `hasEdge` relies on.
    for (const key of [...merged.keys()].sort((x, y) => x - y)) {
      const a = Math.floor(key / size);
      const b = key % size;
      const weight = merged.get(key) as number;
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        const slot = cursor[from] as number;
        neighbours[slot] = to;
        weights[slot] = weight;
        cursor[from] = slot + 1;
      }
    }
    return new WeightedGraph(size, offsets, neighbours, weights, loops);
  }

  /** Number of distinct undirected edges between different nodes. */
  get edgeCount(): number {
    return this.neighbours.length / 2;
  }

  /** Calls `visit(neighbour, weight)` for every edge of `node`. */
  forEachNeighbour(node: number, visit: (neighbour: number, weight: number) => void): void {
    const end = this.offsets[node + 1] ?? 0;
    for (let e = this.offsets[node] ?? 0; e < end; e++) {
      visit(this.neighbours[e] as number, this.weights[e] as number);
    }
  }

  /** How many distinct other nodes `node` has an edge with. */
  neighbourCount(node: number): number {
    return (this.offsets[node + 1] ?? 0) - (this.offsets[node] ?? 0);
  }

  /** True when `a` and `b` share an edge (binary search in `a`'s sorted row). */
  hasEdge(a: number, b: number): boolean {
    let low = this.offsets[a] ?? 0;
    let high = (this.offsets[a + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = this.neighbours[middle] as number;
      if (value === b) return true;
      if (value < b) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}
