import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

// Secrets must never reach a log line, wherever they sit in the logged object.
const REDACTED_PATHS = [
  'accessToken',
  'refreshToken',
  'clientSecret',
  'token',
  'authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.token',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

function defaultLevel(): string {
  if (process.env['LOG_LEVEL']) return process.env['LOG_LEVEL'];
  // Quiet under `node --test` so test output stays readable.
  return process.env['NODE_TEST_CONTEXT'] ? 'silent' : 'info';
}

/** The root logger: JSON lines on stderr, so stdout stays free for `--json` output. */
export const rootLogger: Logger = pino(
  { level: defaultLevel(), redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
  pino.destination(2),
);

/** A logger for one part of the system, e.g. `connector.hubspot` or `jobs.runner`. */
export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger.child({ component, ...bindings });
}
