import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { customObject } from './custom-object.js';
import { applyDerivedValues } from './derived-values.js';
import type { FieldDefinition, FieldValue } from './field-definition.js';
import type { ObjectSchema } from './object-schema.js';
import { makeRecordId } from './record-id.js';
import { isDeleted, type SandboxInput, type SandboxRecord } from './sandbox-record.js';
import type { QuerySource } from './soql/run-soql.js';
import { standardObjects } from './standard-objects.js';
import { formatDateTime, parseDateTime } from './wire-time.js';
import { WriteFailures } from './write-failures.js';

export interface WriteTimeOptions {
  /** CreatedDate (on create), LastModifiedDate and SystemModstamp of this write. */
  timestamp?: Date;
}

/** A validation rule: when `rejects` is true, wire writes fail with this message. */
export interface ValidationRule {
  message: string;
  /** Fields the error names (empty for a rule shown at the top of the page). */
  fields: string[];
  rejects: (values: Readonly<Record<string, FieldValue>>) => boolean;
}

// The running user; every audit reference points at it.
export const SANDBOX_USER_ID = makeRecordId('005', 1);

interface ObjectStore {
  readonly records: Map<string, SandboxRecord>;
  nextCounter: number;
}

/**
 * The sandbox org: schemas, records, validation rules and forced failures, shared by the HTTP
 * routes and by tests. Calls here skip field validation and API usage; wire routes validate.
 */
export class SalesforceData {
  readonly writeFailures = new WriteFailures();
  private readonly schemas = standardObjects();
  private readonly stores = new Map<string, ObjectStore>();
  private readonly rules = new Map<string, ValidationRule[]>();
  private frozenClock: number | null = null;
  private customFieldCounter = 0;
  private readonly wireOverrides = new Map<string, Record<string, unknown>>();

  constructor(
    readonly orgId: string,
    readonly customFieldLimit: number,
  ) {}

  /** The sandbox clock: wall time unless frozen with `setClock`. */
  now(): Date {
    return new Date(this.frozenClock ?? Date.now());
  }

  setClock(at: Date | null): void {
    this.frozenClock = at === null ? null : at.getTime();
  }

  /** The schema of `objectName`, matched case-insensitively as the API does. */
  schema(objectName: string): ObjectSchema | undefined {
    const lower = objectName.toLowerCase();
    for (const schema of this.schemas.values()) {
      if (schema.name.toLowerCase() === lower) return schema;
    }
    return undefined;
  }

  /** The org's sObjects as a SOQL source. */
  querySource(): QuerySource {
    return {
      schema: (objectName) => this.schema(objectName),
      records: (schema, includeDeleted) => this.records(schema.name, { includeDeleted }),
    };
  }

  objectNames(): string[] {
    return [...this.schemas.keys()];
  }

  /** Creates a record; returns its 18-char id. */
  create(
    objectName: string,
    values: Record<string, SandboxInput>,
    options: WriteTimeOptions = {},
  ): string {
    const schema = this.requireSchema(objectName);
    const store = this.store(schema.name);
    const id = makeRecordId(schema.keyPrefix, store.nextCounter);
    store.nextCounter += 1;

    const at = formatDateTime(options.timestamp ?? this.now());
    const stored: Record<string, FieldValue> = {};
    for (const field of schema.fields()) {
      if (field.type === 'boolean' && !field.nillable) stored[field.name] = false;
      else if (field.type !== 'address') stored[field.name] = null;
    }
    Object.assign(stored, this.toStored(schema, values), {
      Id: id,
      IsDeleted: false,
      CreatedDate: at,
      CreatedById: SANDBOX_USER_ID,
      LastModifiedDate: at,
      LastModifiedById: SANDBOX_USER_ID,
      SystemModstamp: at,
    });
    if (schema.field('OwnerId') && stored['OwnerId'] === null) stored['OwnerId'] = SANDBOX_USER_ID;
    applyDerivedValues(schema.name, stored);
    store.records.set(id, { id, type: schema.name, values: stored });
    return id;
  }

  /** Many records sharing one timestamp (e.g. more than a page of SystemModstamp ties). */
  createMany(
    objectName: string,
    rows: readonly Record<string, SandboxInput>[],
    options: WriteTimeOptions = {},
  ): string[] {
    const timestamp = options.timestamp ?? this.now();
    return rows.map((row) => this.create(objectName, row, { timestamp }));
  }

  /** Sets fields and bumps LastModifiedDate and SystemModstamp. */
  update(id: string, values: Record<string, SandboxInput>, options: WriteTimeOptions = {}): void {
    const record = this.require(id);
    const schema = this.requireSchema(record.type);
    this.replace(record, { ...this.toStored(schema, values) }, options);
  }

  /** Soft delete: the record leaves `query` and shows in `queryAll` with IsDeleted = true. */
  delete(id: string, options: WriteTimeOptions = {}): void {
    this.replace(this.require(id), { IsDeleted: true }, options);
  }

  /** Brings a deleted record back from the recycle bin. */
  undelete(id: string, options: WriteTimeOptions = {}): void {
    this.replace(this.require(id), { IsDeleted: false }, options);
  }

  get(id: string): SandboxRecord | undefined {
    for (const store of this.stores.values()) {
      const record = store.records.get(id);
      if (record) return record;
    }
    return undefined;
  }

  /** Records of one type in id (creation) order; deleted ones only when asked. */
  records(objectName: string, options: { includeDeleted?: boolean } = {}): SandboxRecord[] {
    const schema = this.requireSchema(objectName);
    const all = [...this.store(schema.name).records.values()];
    return options.includeDeleted ? all : all.filter((record) => !isDeleted(record));
  }

  count(objectName: string, options: { includeDeleted?: boolean } = {}): number {
    return this.records(objectName, options).length;
  }

  /** Wire writes to these ids fail with `code` the next `times` times (default: always). */
  failWritesFor(ids: readonly string[], code = 'UNABLE_TO_LOCK_ROW', times = Infinity): void {
    this.writeFailures.set(ids, code, times);
  }

  /**
   * REST query answers show these raw values on record `id` (a missing Id, a datetime that is
   * no datetime, an object where a number belongs), as a broken proxy or integration might:
   * for testing what a sync does with one malformed record. `undefined` leaves a field out.
   */
  malformWire(id: string, values: Record<string, unknown>): void {
    this.wireOverrides.set(id, { ...this.wireOverrides.get(id), ...values });
  }

  /** The raw overrides `malformWire` set on `id`, if any. */
  wireOverridesFor(id: string): Readonly<Record<string, unknown>> | undefined {
    return this.wireOverrides.get(id);
  }

  clearWriteFailures(): void {
    this.writeFailures.clear();
  }

  /** Wire writes to `objectName` whose resulting values the rule rejects fail with its message. */
  addValidationRule(objectName: string, rule: ValidationRule): void {
    const name = this.requireSchema(objectName).name;
    this.rules.set(name, [...(this.rules.get(name) ?? []), rule]);
  }

  validationRules(objectName: string): readonly ValidationRule[] {
    return this.rules.get(objectName) ?? [];
  }

  /**
   * Adds a custom field (its Tooling id and CreatedDate are assigned here); existing records
   * read it as null. Returns the stored definition.
   */
  addCustomField(objectName: string, field: FieldDefinition): FieldDefinition {
    const schema = this.requireSchema(objectName);
    if (schema.field(field.name)) {
      throw new CrmMlError('sandbox_duplicate_field', `${schema.name} already has ${field.name}`);
    }
    if (schema.customFields().length >= this.customFieldLimit) {
      throw new CrmMlError(
        'sandbox_custom_field_limit',
        `${schema.name} already has ${this.customFieldLimit} custom fields, the org's allowance`,
      );
    }
    this.customFieldCounter += 1;
    const stored: FieldDefinition = {
      ...field,
      custom: true,
      toolingId: makeRecordId('00N', this.customFieldCounter),
      createdDate: formatDateTime(this.now()),
    };
    schema.add(stored);
    return stored;
  }

  /**
   * Adds a custom object (`name` ends in `__c`) with the standard fields every sObject has;
   * give it fields with `addCustomField`. Returns its schema.
   */
  addCustomObject(name: string, label: string, labelPlural: string = label): ObjectSchema {
    if (!name.endsWith('__c') || this.schema(name)) {
      throw new CrmMlError(
        'sandbox_bad_custom_object',
        `cannot add custom object '${name}': the name must end in __c and be new`,
      );
    }
    const custom = [...this.schemas.keys()].filter((key) => key.endsWith('__c')).length;
    const schema = customObject(name, label, labelPlural, custom);
    this.schemas.set(name, schema);
    return schema;
  }

  /** The object and field a Tooling API CustomField id names. */
  customFieldById(toolingId: string): { objectName: string; field: FieldDefinition } | undefined {
    for (const objectName of this.objectNames()) {
      const field = this.requireSchema(objectName)
        .customFields()
        .find((candidate) => candidate.toolingId === toolingId);
      if (field) return { objectName, field };
    }
    return undefined;
  }

  /** Removes a custom field and its values from every record. */
  removeCustomField(objectName: string, fieldName: string): void {
    const schema = this.requireSchema(objectName);
    schema.remove(fieldName);
    const store = this.store(schema.name);
    for (const record of store.records.values()) {
      const values = { ...record.values };
      delete values[fieldName];
      store.records.set(record.id, { ...record, values });
    }
  }

  requireSchema(objectName: string): ObjectSchema {
    const schema = this.schema(objectName);
    if (schema) return schema;
    throw new CrmMlError('sandbox_unknown_object', `the sandbox has no sObject '${objectName}'`);
  }

  private require(id: string): SandboxRecord {
    const record = this.get(id);
    if (record) return record;
    throw new CrmMlError('sandbox_unknown_record', `the sandbox has no record ${id}`);
  }

  private replace(
    record: SandboxRecord,
    changes: Record<string, FieldValue>,
    options: WriteTimeOptions,
  ): void {
    const at = formatDateTime(options.timestamp ?? this.now());
    const values = { ...record.values, ...changes, LastModifiedDate: at, SystemModstamp: at };
    applyDerivedValues(record.type, values);
    this.store(record.type).records.set(record.id, { ...record, values });
  }

  private store(objectName: string): ObjectStore {
    let store = this.stores.get(objectName);
    if (!store) {
      store = { records: new Map(), nextCounter: 1 };
      this.stores.set(objectName, store);
    }
    return store;
  }

  private toStored(
    schema: ObjectSchema,
    input: Record<string, SandboxInput>,
  ): Record<string, FieldValue> {
    const stored: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(input)) {
      const field = schema.field(name);
      if (!field) {
        throw new CrmMlError('sandbox_unknown_field', `${schema.name} has no field '${name}'`);
      }
      stored[field.name] = storedValue(field, value);
    }
    return stored;
  }
}

/** Dates become 'YYYY-MM-DD' or the REST datetime form; datetime strings are normalised. */
function storedValue(field: FieldDefinition, value: SandboxInput): FieldValue {
  if (value instanceof Date) {
    return field.type === 'date' ? value.toISOString().slice(0, 10) : formatDateTime(value);
  }
  if (field.type === 'datetime' && typeof value === 'string') {
    const at = parseDateTime(value);
    return Number.isNaN(at) ? value : formatDateTime(at);
  }
  return value;
}
