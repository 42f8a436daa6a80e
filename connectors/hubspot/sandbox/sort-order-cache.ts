import type { SandboxData } from './sandbox-data.js';
import type { SandboxRecord } from './sandbox-record.js';
import type { ValueGetter } from './search-filter.js';

export type SortDirection = 'ASCENDING' | 'DESCENDING';

interface CachedOrder {
  version: number;
  records: SandboxRecord[];
}

/**
 * Live records sorted by one property, kept until a record of that type changes. Paging
 * through a search re-reads the same order page after page, so sorting 100k records once per
 * data version (not once per request) keeps deep paging linear.
 */
export class SortOrderCache {
  private readonly orders = new Map<string, CachedOrder>();

  constructor(private readonly data: SandboxData) {}

  sorted(
    objectType: string,
    property: string,
    direction: SortDirection,
    get: ValueGetter,
  ): readonly SandboxRecord[] {
    const key = `${objectType}\u0000${property}\u0000${direction}`;
    const version = this.data.version(objectType);
    const cached = this.orders.get(key);
    if (cached && cached.version === version) return cached.records;

    const records = sortRecords(this.data.ordered(objectType), direction, get);
    this.orders.set(key, { version, records });
    return records;
  }
}

// Unset values sort last either way; ties keep id order so pages never overlap.
function sortRecords(
  ordered: readonly SandboxRecord[],
  direction: SortDirection,
  get: ValueGetter,
): SandboxRecord[] {
  const sign = direction === 'ASCENDING' ? 1 : -1;
  const keyed = ordered
    .filter((record) => !record.archived)
    .map((record, index) => ({ record, index, value: get(record) }));

  keyed.sort((a, b) => {
    if (a.value === b.value) return a.index - b.index;
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return (a.value < b.value ? -1 : 1) * sign;
  });
  return keyed.map((entry) => entry.record);
}
