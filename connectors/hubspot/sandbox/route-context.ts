import type { SandboxData } from './sandbox-data.js';
import type { SandboxStats } from './sandbox-stats.js';

/** What every route module of the sandbox shares. */
export interface RouteContext {
  readonly data: SandboxData;
  readonly stats: SandboxStats;
  /** The sandbox's own base URL, for `paging.next.link`. */
  baseUrl(): string;
}
