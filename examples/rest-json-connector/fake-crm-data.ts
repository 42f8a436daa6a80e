import type { Position, WireRecord } from './rest-json-wire.js';

/** The fake CRM's records and fields, shared by its HTTP routes and by tests. */
export class FakeCrmData {
  readonly records = new Map<string, WireRecord>();
  readonly fields = new Map<string, string>();
  readonly failingIds = new Set<string>();
  private nextId = 1;

  /** Adds a record; zero-padded ids make string order the creation order. */
  create(fields: WireRecord['fields'], at = new Date()): string {
    const id = `rec-${String(this.nextId++).padStart(6, '0')}`;
    this.records.set(id, {
      id,
      updated_at: at.toISOString(),
      deleted: false,
      fields: { ...fields },
    });
    return id;
  }

  update(id: string, fields: WireRecord['fields'], at = new Date()): void {
    const record = this.records.get(id);
    if (record === undefined || record.deleted) throw new Error(`no record ${id}`);
    Object.assign(record.fields, fields);
    record.updated_at = at.toISOString();
  }

  /** Soft delete: the record leaves full reads and shows in change reads as a tombstone. */
  remove(id: string): void {
    const record = this.records.get(id);
    if (record === undefined) throw new Error(`no record ${id}`);
    record.deleted = true;
    record.updated_at = new Date().toISOString();
  }

  /** Records after `from` in (updated_at, id) order; tombstones only when reading changes. */
  page(from: Position | null, limit: number): WireRecord[] {
    return [...this.records.values()]
      .filter((record) => (from === null ? !record.deleted : isAfter(record, from)))
      .sort((a, b) => compare(a, b))
      .slice(0, limit);
  }

  liveCount(): number {
    return [...this.records.values()].filter((record) => !record.deleted).length;
  }
}

function isAfter(record: WireRecord, from: Position): boolean {
  return compare(record, { updated_at: from.since, id: from.after }) > 0;
}

function compare(a: { updated_at: string; id: string }, b: { updated_at: string; id: string }) {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
