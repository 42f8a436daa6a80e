import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { PropertyCatalog } from './property-catalog.js';
import {
  isModifiedDateProperty,
  modifiedDateProperties,
  type PropertyDefinition,
} from './property-definition.js';
import {
  propertyValue,
  toEpochMs,
  toStoredValue,
  type SandboxRecord,
  type SandboxValue,
} from './sandbox-record.js';

/** A record's state as tests read it: every set property, as strings. */
export interface SandboxRecordSnapshot {
  id: string;
  properties: Record<string, string | null>;
  createdAt: Date;
  updatedAt: Date;
  archived: boolean;
  archivedAt: Date | null;
}

export interface WriteTimeOptions {
  /** Overrides the sandbox clock for this write (e.g. many records sharing one timestamp). */
  timestamp?: Date;
}

/** Options of a create: its time, and the records to link it to, by object type. */
export interface CreateOptions extends WriteTimeOptions {
  /** e.g. `{ contacts: ['12'] }`: an order of contact 12. Unknown target ids throw. */
  associations?: Readonly<Record<string, readonly string[]>>;
}

interface TypeStore {
  readonly records: Map<string, SandboxRecord>;
  /** Every record in id order; ids only grow, so appending keeps it sorted for binary search. */
  readonly ordered: SandboxRecord[];
  nextId: number;
  /** Bumped on every change so derived indexes (search sort orders) know when to rebuild. */
  version: number;
}

/** A write failure forced by a test: which kind, and how many more writes it fails. */
export interface ForcedWriteFailure {
  kind: 'not_found' | 'transient';
  remaining: number;
}

/**
 * The sandbox portal's records, property definitions and fault switches, shared by the HTTP
 * routes and by tests. Direct calls here skip HubSpot's validation (tests may store anything)
 * and are not counted in `stats`; only the wire routes validate values against definitions.
 */
export class SandboxData {
  readonly catalog: PropertyCatalog;
  private readonly stores = new Map<string, TypeStore>();
  private readonly failingIds = new Map<string, Map<string, ForcedWriteFailure>>();
  private frozenClock: number | null = null;

  constructor() {
    this.catalog = new PropertyCatalog(() => this.now());
  }

  /** The sandbox clock: wall time unless frozen with `setClock`. */
  now(): Date {
    return new Date(this.frozenClock ?? Date.now());
  }

  /** Freezes the clock at `at` (every write then shares that time); null resumes wall time. */
  setClock(at: Date | null): void {
    this.frozenClock = at === null ? null : at.getTime();
  }

  /** Creates a record and returns its id (numeric string, increasing per object type). */
  create(
    objectType: string,
    properties: Record<string, SandboxValue> = {},
    options: CreateOptions = {},
  ): string {
    return this.createRecord(objectType, properties, options).id;
  }

  /** Like `create` but returns the live stored record; for the routes. */
  createRecord(
    objectType: string,
    properties: Record<string, SandboxValue>,
    options: CreateOptions = {},
  ): SandboxRecord {
    const store = this.storeOf(objectType);
    const time = (options.timestamp ?? this.now()).getTime();
    const record: SandboxRecord = {
      id: String(store.nextId++),
      objectType,
      properties: new Map(),
      createdAt: time,
      updatedAt: time,
      archived: false,
      archivedAt: null,
      associations: new Map(),
    };
    this.assign(record, properties);

    store.records.set(record.id, record);
    store.ordered.push(record);
    store.version += 1;
    for (const [toType, ids] of Object.entries(options.associations ?? {})) {
      this.associate(objectType, record.id, toType, ids);
    }
    return record;
  }

  /** Creates one record per entry, all stamped with the same time. */
  createMany(
    objectType: string,
    rows: readonly Record<string, SandboxValue>[],
    options: WriteTimeOptions = {},
  ): string[] {
    const timestamp = options.timestamp ?? this.now();
    return rows.map((row) => this.create(objectType, row, { timestamp }));
  }

  /**
   * Links a record to others; HubSpot associations are two-way, so both ends list each other.
   * Linking does not change either record's last-modified date, as in HubSpot.
   */
  associate(fromType: string, fromId: string, toType: string, toIds: readonly string[]): void {
    const from = this.requireRecord(fromType, fromId);
    for (const toId of toIds) {
      const to = this.requireRecord(toType, toId);
      linkTo(from, toType, toId);
      linkTo(to, fromType, fromId);
    }
  }

  /** Ids of the `toType` records linked to one record, ascending; empty when none. */
  associatedIds(objectType: string, id: string, toType: string): string[] {
    const ids = this.record(objectType, id)?.associations.get(toType);
    return ids === undefined ? [] : [...ids].sort((a, b) => Number(a) - Number(b));
  }

  /** Sets properties (null clears) and bumps the last-modified date; throws on unknown ids. */
  update(
    objectType: string,
    id: string,
    properties: Record<string, SandboxValue>,
    options: WriteTimeOptions = {},
  ): void {
    const record = this.requireRecord(objectType, id);
    this.assign(record, properties);
    record.updatedAt = (options.timestamp ?? this.now()).getTime();
    this.storeOf(objectType).version += 1;
  }

  /** Archives (soft-deletes) a record, as `DELETE /crm/v3/objects/{type}/{id}` does. */
  archive(objectType: string, id: string, options: WriteTimeOptions = {}): void {
    const record = this.requireRecord(objectType, id);
    if (record.archived) return;
    const time = (options.timestamp ?? this.now()).getTime();
    record.archived = true;
    record.archivedAt = time;
    record.updatedAt = time;
    this.storeOf(objectType).version += 1;
  }

  /** A snapshot of one record (archived ones too), or undefined if the id was never created. */
  get(objectType: string, id: string): SandboxRecordSnapshot | undefined {
    const record = this.record(objectType, id);
    if (!record) return undefined;

    const properties: Record<string, string | null> = {};
    const derived = ['hs_object_id', 'createdate', ...modifiedDateProperties(objectType)];
    for (const name of [...derived, ...record.properties.keys()]) {
      properties[name] = propertyValue(record, name);
    }
    return {
      id: record.id,
      properties,
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
      archived: record.archived,
      archivedAt: record.archivedAt === null ? null : new Date(record.archivedAt),
    };
  }

  /** How many records of `objectType` are live (default) or archived. */
  count(objectType: string, options: { archived?: boolean } = {}): number {
    const archived = options.archived ?? false;
    let count = 0;
    for (const record of this.storeOf(objectType).ordered)
      if (record.archived === archived) count++;
    return count;
  }

  listProperties(objectType: string): PropertyDefinition[] {
    return this.catalog.list(objectType);
  }

  /**
   * Makes batch updates of these ids fail per record in a 207: OBJECT_NOT_FOUND by default, or
   * with `transient` a retryable INTERNAL_ERROR; `times` failures, then writes succeed again
   * (default: always fail).
   */
  failWritesFor(
    objectType: string,
    ids: readonly string[],
    options: { transient?: boolean; times?: number } = {},
  ): void {
    const failures = this.failingIds.get(objectType) ?? new Map<string, ForcedWriteFailure>();
    const kind = options.transient === true ? 'transient' : 'not_found';
    for (const id of ids) failures.set(id, { kind, remaining: options.times ?? Infinity });
    this.failingIds.set(objectType, failures);
  }

  clearWriteFailures(objectType?: string): void {
    if (objectType === undefined) this.failingIds.clear();
    else this.failingIds.delete(objectType);
  }

  isWriteFailing(objectType: string, id: string): boolean {
    return (this.failingIds.get(objectType)?.get(id)?.remaining ?? 0) > 0;
  }

  /** How a write to `id` fails now, counting it against `times`; null when it succeeds. */
  takeWriteFailure(objectType: string, id: string): ForcedWriteFailure['kind'] | null {
    const failure = this.failingIds.get(objectType)?.get(id);
    if (failure === undefined || failure.remaining <= 0) return null;
    failure.remaining -= 1;
    return failure.kind;
  }

  /** The live stored record (not a copy); for the routes. */
  record(objectType: string, id: string): SandboxRecord | undefined {
    return this.storeOf(objectType).records.get(id);
  }

  /** Every record of the type in ascending id order, archived included. */
  ordered(objectType: string): readonly SandboxRecord[] {
    return this.storeOf(objectType).ordered;
  }

  /** Changes whenever a record of the type changes; keys caches of derived orderings. */
  version(objectType: string): number {
    return this.storeOf(objectType).version;
  }

  private assign(record: SandboxRecord, properties: Record<string, SandboxValue>): void {
    for (const [name, value] of Object.entries(properties)) {
      if (name === 'hs_object_id' || isModifiedDateProperty(record.objectType, name)) continue;
      const stored = toStoredValue(value);

      if (name === 'createdate') {
        const ms = stored === null ? NaN : toEpochMs(stored);
        if (!Number.isNaN(ms)) record.createdAt = ms;
      } else if (stored === null) {
        record.properties.delete(name);
      } else {
        record.properties.set(name, stored);
      }
    }
  }

  private requireRecord(objectType: string, id: string): SandboxRecord {
    const record = this.record(objectType, id);
    if (!record) {
      throw new CrmMlError('sandbox_record_not_found', `No ${objectType} record with id ${id}`);
    }
    return record;
  }

  private storeOf(objectType: string): TypeStore {
    let store = this.stores.get(objectType);
    if (!store) {
      store = { records: new Map(), ordered: [], nextId: 1, version: 0 };
      this.stores.set(objectType, store);
    }
    return store;
  }
}

function linkTo(record: SandboxRecord, toType: string, toId: string): void {
  const ids = record.associations.get(toType) ?? new Set<string>();
  ids.add(toId);
  record.associations.set(toType, ids);
}
