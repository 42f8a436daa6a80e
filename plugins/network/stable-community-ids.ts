/**
 * Ids for new communities that keep the previous model's id where most members are the same
 * people: pairs are matched greedily by shared members, largest overlap first. Communities
 * with no counterpart get ids above every previous one; without a previous model ids are
 * 1, 2, … in order (largest community first).
 */
export function stableCommunityIds(
  members: readonly (readonly string[])[],
  previous: ReadonlyMap<string, number> | undefined,
): number[] {
  if (previous === undefined || previous.size === 0) return members.map((_, c) => c + 1);

  const overlaps: { community: number; id: number; shared: number }[] = [];
  members.forEach((ids, community) => {
    const shared = new Map<number, number>();
    for (const contact of ids) {
      const id = previous.get(contact);
      if (id !== undefined) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    for (const [id, count] of shared) overlaps.push({ community, id, shared: count });
  });
  overlaps.sort((a, b) => b.shared - a.shared || a.community - b.community || a.id - b.id);

  const ids = new Array<number>(members.length).fill(0);
  const taken = new Set<number>();
  for (const { community, id } of overlaps) {
    if (ids[community] !== 0 || taken.has(id)) continue;
    ids[community] = id;
    taken.add(id);
  }
  let next = Math.max(0, ...previous.values()) + 1;
  return ids.map((id) => (id === 0 ? next++ : id));
}
