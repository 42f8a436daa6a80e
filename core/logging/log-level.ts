import { pino } from 'pino';

/** The level names LOG_LEVEL may hold, quietest last. */
export const LOG_LEVELS: readonly string[] = [...Object.keys(pino.levels.values), 'silent'];

/** The level to log at, and a one-line warning when `requested` was not a level name. */
export interface ChosenLogLevel {
  level: string;
  warning: string | null;
}

/**
 * Picks the log level from LOG_LEVEL. An unknown name falls back to `fallback` with a warning
 * rather than failing: the root logger is built when its module is imported, before any
 * command can print an error, and a typo in a log setting should not stop a worker. The
 * fallback is the default the caller would use without LOG_LEVEL.
 */
export function chooseLogLevel(requested: string | undefined, fallback: string): ChosenLogLevel {
  if (requested === undefined || requested === '') return { level: fallback, warning: null };

  const level = requested.trim().toLowerCase();
  if (LOG_LEVELS.includes(level)) return { level, warning: null };
  return {
    level: fallback,
    warning:
      `warning [config_invalid]: LOG_LEVEL '${requested}' is not a log level ` +
      `(one of ${LOG_LEVELS.join(', ')}); logging at '${fallback}'`,
  };
}
