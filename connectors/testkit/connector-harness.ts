import type { Connector } from '../connector.js';
import type { ObjectType } from '../../core/records/crm-record.js';

/** Values the kit puts on one record, keyed by the names in `KIT_FIELDS`; null means unset. */
export type SeedRecord = Readonly<Record<string, string | null>>;

/** A hook the kit may use; a harness names the ones its CRM cannot offer in `unsupported`. */
export type HarnessHook =
  | 'seedSharingTimestamp'
  | 'update'
  | 'remove'
  | 'expireToken'
  | 'failWritesFor'
  | 'startWithFaults'
  | 'absentId'
  | 'invalidNumber';

/** The stable id of each check, as its test name starts. */
export type CheckId =
  | 'full-sync'
  | 'incremental-sync'
  | 'timestamp-ties'
  | 'page-empty'
  | 'page-exact'
  | 'page-plus-one'
  | 'deletes'
  | 'read-by-ids'
  | 'resume-per-page'
  | 'faults'
  | 'token-expiry'
  | 'partial-write'
  | 'absent-record-write'
  | 'invalid-value-write'
  | 'provision-idempotent'
  | 'unicode-write'
  | 'unicode-read'
  | 'long-text-write'
  | 'long-text-read'
  | 'blanks-write'
  | 'blanks-read';

/**
 * One fresh fake CRM (a sandbox server, a temporary file) and a connector pointed at it.
 * Every hook changes the CRM behind the connector's back, as another user of the CRM would.
 * Each optional hook left out turns the checks that need it into skipped tests. Hooks are
 * called unbound, so write them as arrow functions.
 */
export interface FakeCrm {
  readonly connector: Connector;
  /** Creates records, stamped with the CRM's clock; returns their ids in input order. */
  seed(records: readonly SeedRecord[]): Promise<string[]>;
  /** Creates records that all carry the last-modified time `at` (ties on the sync cursor). */
  seedSharingTimestamp?: (records: readonly SeedRecord[], at: Date) => Promise<string[]>;
  /** Changes values of one record; the CRM moves its last-modified time (to `at` if given). */
  update?: (id: string, values: SeedRecord, at?: Date) => Promise<void>;
  /** Deletes (or archives) one record, as a user of the CRM would. */
  remove?: (id: string) => Promise<void>;
  /** Makes every access token issued so far invalid, as the CRM does when one expires. */
  expireToken?: () => Promise<void>;
  /** Makes writes to these ids fail with a per-record error while others succeed. */
  failWritesFor?: (ids: readonly string[]) => Promise<void>;
  /** A well-formed record id that no record has (for writes to missing records). */
  readonly absentId?: string;
  /** A value the CRM refuses for a number field (e.g. `not-a-number`); absent if it stores any. */
  readonly invalidNumber?: string;
  /** Releases the server, files and connector. */
  close(): Promise<void>;
}

/** A fake CRM that answers a share of its requests with 429s, 5xx errors or hangs. */
export interface FaultyCrm extends FakeCrm {
  /** How many faults the fake has injected so far; the kit fails a run that met none. */
  faultsInjected(): number;
}

/**
 * What a connector author writes to run the conformance kit: how to start a fresh fake CRM
 * with a connector on it, and a few facts about the CRM the checks depend on.
 *
 * @example
 * runConnectorConformance({
 *   name: 'acme',
 *   objectType: 'contacts',
 *   start: async () => fakeAcme(await startAcmeSandbox()),
 * });
 */
export interface ConnectorHarness {
  /** Shown in every test name, e.g. `hubspot`. */
  name: string;
  /** The object type the checks read and write. */
  objectType: ObjectType;
  /** Starts a fresh, empty fake CRM; each check starts its own and closes it. */
  start(): Promise<FakeCrm>;
  /** Starts a fresh fake answering `rate` (0..1) of requests with 429, 5xx or a timeout. */
  startWithFaults?(rate: number): Promise<FaultyCrm>;
  /** Records per full-sync page; default `connector.descriptor.readPageSize`. */
  pageSize?: number;
  /** Records per incremental page, where the CRM pages changes differently; default pageSize. */
  incrementalPageSize?: number;
  /**
   * `distinct` (default): null and '' read back as written. `merged`: the CRM stores no empty
   * strings (or no nulls), so either may read back as the other, but as nothing else.
   */
  blankValues?: 'distinct' | 'merged';
  /**
   * `record` (default): an incremental read returns what changed. `source`: any change means
   * a full re-read (a file has no per-record change times), so "few others" is not checked.
   */
  changeTracking?: 'record' | 'source';
  /** Why a hook is missing, shown as the skip reason, e.g. `CSV files have no rate limits`. */
  unsupported?: Partial<Record<HarnessHook, string>>;
  /**
   * Checks the connector is known to fail, with the reason (and where it is tracked). They
   * still run and show as TODO: a known failure is reported, never hidden as a pass.
   */
  knownFailures?: Partial<Record<CheckId, string>>;
}
