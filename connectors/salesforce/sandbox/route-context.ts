import type { QueryCursors } from './query-cursors.js';
import type { SalesforceData } from './salesforce-data.js';
import type { SalesforceSandboxStats } from './sandbox-stats.js';
import type { QuerySource } from './soql/run-soql.js';

/** What every route module needs. */
export interface RouteContext {
  readonly data: SalesforceData;
  readonly stats: SalesforceSandboxStats;
  readonly cursors: QueryCursors;
  /** The Tooling API's queryable objects (CustomField). */
  readonly tooling: QuerySource;
  /** Rows per REST query page unless Sforce-Query-Options asks for fewer. */
  readonly queryBatchSize: number;
  /** The sandbox's base URL, e.g. http://127.0.0.1:43123. */
  baseUrl(): string;
}
