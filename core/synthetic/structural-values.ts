/**
 * A category that follows from another column's value and only from it, both ways: "No
 * phone service" in MultipleLines exactly when PhoneService is "No". A Gaussian copula can
 * only approximate such a rule, so it is kept as a rule: the child column takes `value`
 * exactly when the parent has `parentValue`, and its other categories come from the copula.
 */
export interface StructuralValue {
  column: string;
  value: string;
  parent: string;
  parentValue: string;
}

// Below this many rows a perfect agreement could be chance.
const MIN_SUPPORT = 10;

/**
 * Finds structural values among category columns (`columns` maps each to its cells, in table
 * order). Each column is the child of at most one rule and is never both parent and child,
 * so rules apply in one pass; the parent is the one with fewer categories, or the earlier.
 */
export function findStructuralValues(
  columns: ReadonlyMap<string, readonly string[]>,
): StructuralValue[] {
  const names = [...columns.keys()];
  const categoryCount = new Map(names.map((name) => [name, new Set(columns.get(name)).size]));
  const parents = new Set<string>();
  const children = new Set<string>();
  const rules: StructuralValue[] = [];

  // Children first among columns with more categories (the rule leaves them more to model),
  // then the later column, so the earlier one of equals is the parent.
  const childOrder = names
    .map((name, index) => ({ name, index }))
    .sort(
      (a, b) =>
        (categoryCount.get(b.name) ?? 0) - (categoryCount.get(a.name) ?? 0) || b.index - a.index,
    )
    .map((entry) => entry.name);
  for (const child of childOrder) {
    if (parents.has(child)) continue;
    const candidates = names
      .filter((parent) => parent !== child && !children.has(parent))
      .sort((a, b) => (categoryCount.get(a) ?? 0) - (categoryCount.get(b) ?? 0));
    for (const parent of candidates) {
      const rule = equivalence(columns.get(parent) ?? [], columns.get(child) ?? []);
      if (rule === null) continue;
      rules.push({ column: child, value: rule.childValue, parent, parentValue: rule.parentValue });
      parents.add(parent);
      children.add(child);
      break;
    }
  }
  return rules;
}

/** A parent value and child value that occur exactly together (blanks never count). */
function equivalence(
  parent: readonly string[],
  child: readonly string[],
): { parentValue: string; childValue: string } | null {
  const pairs = new Map<string, Map<string, number>>();
  const childCounts = new Map<string, number>();
  parent.forEach((p, i) => {
    const c = child[i] ?? '';
    const row = pairs.get(p) ?? new Map<string, number>();
    row.set(c, (row.get(c) ?? 0) + 1);
    pairs.set(p, row);
    childCounts.set(c, (childCounts.get(c) ?? 0) + 1);
  });

  for (const [parentValue, row] of pairs) {
    if (parentValue === '' || row.size !== 1) continue;
    const [childValue, count] = [...row][0] ?? ['', 0];
    // The child value must also never occur beside another parent value, and not be all rows.
    if (childValue === '' || count < MIN_SUPPORT || childCounts.get(childValue) !== count) continue;
    if (count === parent.length) continue;
    return { parentValue, childValue };
  }
  return null;
}
