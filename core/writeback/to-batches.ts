import type { ObjectType } from '../records/crm-record.js';
import type { RecordWrite } from './merge-entries.js';

/** One batch call's worth of writes, all of one object type. */
export interface WriteBatch {
  objectType: ObjectType;
  writes: RecordWrite[];
}

/** The writes cut into batches of at most `size`, one object type per batch. */
export function toBatches(writes: readonly RecordWrite[], size: number): WriteBatch[] {
  const groups = new Map<ObjectType, RecordWrite[]>();
  for (const write of writes) {
    const group = groups.get(write.objectType) ?? [];
    group.push(write);
    groups.set(write.objectType, group);
  }

  const batches: WriteBatch[] = [];
  for (const [objectType, group] of groups) {
    for (let start = 0; start < group.length; start += size) {
      batches.push({ objectType, writes: group.slice(start, start + size) });
    }
  }
  return batches;
}
