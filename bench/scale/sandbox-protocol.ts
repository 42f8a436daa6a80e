/** How the bench and its sandbox process talk over the IPC channel. */

/** Settings the sandbox process starts with, passed as its one argument (JSON). */
export interface SandboxSettings {
  accessToken: string;
  /** The enforced API ceiling: at most `max` calls in any rolling `intervalMs`. */
  rateLimit: { max: number; intervalMs: number };
  searchPerSecond: number;
  dailyLimit: number;
  csvPath: string;
}

export type SandboxRequest =
  | { id: number; op: 'seed'; count: number; seed: number; chunkSize: number }
  | { id: number; op: 'change'; fraction: number; seed: number }
  | { id: number; op: 'stats' }
  | { id: number; op: 'memory' };

/** What the sandbox counted so far (a copy of its `stats`). */
export interface SandboxCounters {
  requests: number;
  rateLimited: number;
  writes: number;
  byRoute: Record<string, number>;
}

export interface SeedResult {
  created: number;
  churned: number;
  seconds: number;
}

export interface ChangeResult {
  changed: number;
  /** The changed contacts' ids, as a CRM webhook would name them. */
  ids: string[];
}

export interface SandboxMemory {
  rssMb: number;
  peakRssMb: number;
}

export type SandboxReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface SandboxReady {
  ready: true;
  url: string;
}
