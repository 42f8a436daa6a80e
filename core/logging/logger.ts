import { pino, type Logger } from 'pino';

import { chooseLogLevel } from './log-level.js';
import { redactSecrets } from './redact-secrets.js';

export type { Logger } from 'pino';

function defaultLevel(): string {
  // Quiet under `node --test` so test output stays readable.
  const fallback = process.env['NODE_TEST_CONTEXT'] ? 'silent' : 'info';
  const { level, warning } = chooseLogLevel(process.env['LOG_LEVEL'], fallback);
  if (warning !== null) {
    // Plain text: the logger that would say it is not built yet. Unset, the bad value is
    // treated as absent everywhere after (the CLI's own defaults, child processes).
    process.stderr.write(`${warning}\n`);
    delete process.env['LOG_LEVEL'];
  }
  return level;
}

/** The root logger: JSON lines on stderr, so stdout stays free for `--json` output. */
export const rootLogger: Logger = pino(
  {
    level: defaultLevel(),
    // Secrets must never reach a log line, wherever they sit in the logged object.
    formatters: {
      log: (object) => redactSecrets(object) as Record<string, unknown>,
      bindings: (bindings) => redactSecrets(bindings) as Record<string, unknown>,
    },
  },
  pino.destination(2),
);

/** A logger for one part of the system, e.g. `connector.hubspot` or `jobs.runner`. */
export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger.child({ component, ...bindings });
}
