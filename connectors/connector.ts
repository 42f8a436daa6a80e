import type { ErrorDetail } from '../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../core/records/crm-record.js';

/** Static facts about a CRM: data, not code. */
export interface ConnectorDescriptor {
  /** Stable id, e.g. `hubspot`. */
  id: string;
  label: string;
  /** Object types this connector can read. */
  objectTypes: readonly ObjectType[];
  /** Largest page the CRM returns on a read. */
  readPageSize: number;
  /** Largest batch one write call accepts. */
  writeBatchSize: number;
  /** The property incremental sync orders by. */
  cursorField: string;
  /** The CRM's documented request window, until its own headers say otherwise. */
  requestBudget?: { max: number; intervalMs: number };
}

/** A field crm-ml writes into the CRM. */
export interface FieldSpec {
  /** CRM property name, e.g. `crm_ml_churn_score`. */
  name: string;
  label: string;
  description: string;
  type: 'number' | 'string' | 'text' | 'enumeration' | 'datetime';
  /** Allowed values of an enumeration, in display order. */
  options?: readonly { value: string; label: string }[];
}

/** One page of a sync, with the cursor to save once the page is stored. */
export interface SyncPage {
  records: CrmRecord[];
  /** Ids the CRM reports as deleted or archived since the cursor. */
  deletedIds: string[];
  /** Opaque cursor: resuming `read` from it continues right after this page. */
  cursor: string;
  /**
   * Records or values the CRM sent in a shape crm-ml cannot use, each naming the record and
   * field. The rest of the page is still delivered.
   */
  problems?: ErrorDetail[];
}

export interface ReadOptions {
  /** Properties to fetch; connectors fetch every readable property when absent. */
  properties?: readonly string[];
  signal?: AbortSignal;
}

/** The values to write on one record. */
export interface FieldUpdate {
  recordId: string;
  values: Record<string, PropertyValue>;
}

/** What happened to one record of a write batch. */
export type WriteOutcome =
  | { recordId: string; ok: true }
  | { recordId: string; ok: false; code: string; message: string; retryable: boolean };

export interface ProvisionResult {
  created: string[];
  existing: string[];
}

/** What an uninstall removed from the CRM. */
export interface RemoveFieldsResult {
  removed: string[];
  /** Names that had no field (removed before, or never provisioned). */
  missing: string[];
}

/**
 * A CRM connector: everything crm-ml needs from one CRM account (portal, org).
 *
 * Contract:
 * - `read(type, null)` is a full sync; `read(type, cursor)` yields every record created,
 *   changed or deleted since that cursor, in pages. No record is skipped, also when many
 *   share one timestamp; a record may be yielded twice (consumers upsert).
 * - Rate limits, 429s, 5xx and expired tokens are handled inside; what escapes is a
 *   `CrmMlError` with `retryable` set honestly.
 * - `write` never throws for per-record failures: it reports them in its outcomes, one per
 *   update, in any order, also when the CRM refuses a batch whole over some records' values
 *   (the connector splits the batch to find them). It throws only when the whole call failed.
 * - `provisionFields` is idempotent: a second call creates nothing.
 *
 * Outside the contract: scheduling, persistence and deciding what to write (the core does).
 */
export interface Connector {
  readonly descriptor: ConnectorDescriptor;
  read(
    objectType: ObjectType,
    cursor: string | null,
    options?: ReadOptions,
  ): AsyncIterable<SyncPage>;
  /** How many live (not archived) records of this type the CRM holds, for reconciliation. */
  count(objectType: ObjectType): Promise<number>;
  provisionFields(objectType: ObjectType, fields: readonly FieldSpec[]): Promise<ProvisionResult>;
  write(objectType: ObjectType, updates: readonly FieldUpdate[]): Promise<WriteOutcome[]>;
  /** Reads records back by id (used to verify writes). */
  fetch(
    objectType: ObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<CrmRecord[]>;
  /**
   * Reads the records a CRM webhook reported as changed, with the properties and links a sync
   * reads (or `options.properties`). Ids the CRM does not return are deleted or unknown; the
   * caller archives them. Without it, rescoring for webhooks falls back to an incremental sync.
   */
  readByIds?(
    objectType: ObjectType,
    ids: readonly string[],
    options?: ReadOptions,
  ): Promise<CrmRecord[]>;
  /**
   * The CRM's request window as its last response reported it (rate-limit headers), or
   * undefined before the first call or when the CRM sends none. Queue workers use it to keep
   * their shared budget in step with the CRM's own count.
   */
  rateLimit?(): { remaining: number; max: number; intervalMs: number } | undefined;
  /** Requests sent to the CRM so far (retries included) and how many it refused with 429. */
  callCounts?(): { calls: number; rateLimited: number };
  /**
   * Removes fields crm-ml provisioned (uninstall), in whatever way the CRM deletes a field.
   * Idempotent: a field already gone is reported `missing`, never an error.
   */
  removeFields?(objectType: ObjectType, names: readonly string[]): Promise<RemoveFieldsResult>;
  /** The CRM account the credentials belong to (HubSpot portal id, Salesforce org id). */
  accountId?(): Promise<string>;
  close?(): Promise<void>;
}
