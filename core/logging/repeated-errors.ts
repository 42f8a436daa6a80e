import type { Logger } from './logger.js';

/** How often one kind of repeated error is logged at most. */
const DEFAULT_EVERY_MS = 10_000;

interface Seen {
  loggedAt: number;
  skipped: number;
}

/**
 * Logs an error that repeats (the same source failing the same way) once per `everyMs`, with
 * how many were left out since: while Redis is down every queue connection fails several
 * times a second, and an operator needs to read that it is down, not read it 75 times a second.
 */
export class RepeatedErrors {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly logger: Logger,
    private readonly everyMs = DEFAULT_EVERY_MS,
  ) {}

  /** Logs `err` under `source` (a queue's name, say) unless it was logged within `everyMs`. */
  error(source: string, err: unknown, fields: Record<string, unknown>, message: string): void {
    const key = `${source}\u0000${errorKind(err)}`;
    const now = Date.now();
    const seen = this.seen.get(key);
    if (seen !== undefined && now - seen.loggedAt < this.everyMs) {
      seen.skipped += 1;
      return;
    }

    const repeated = seen === undefined ? {} : { repeatedSinceLast: seen.skipped };
    this.logger.error({ ...fields, err, ...repeated }, message);
    this.seen.set(key, { loggedAt: now, skipped: 0 });
  }
}

// ECONNREFUSED and its like carry a code; other errors are told apart by their message.
function errorKind(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.message : String(err);
}
