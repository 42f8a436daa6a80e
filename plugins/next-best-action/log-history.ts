import type { Logger } from '../../core/logging/logger.js';
import type { Metrics } from '../plugin.js';
import { PROBLEM_REASONS, type ActionHistory } from './action-history.js';

/** Logs what was skipped: a warning when data needs fixing, info when it is routine. */
export function logHistory(logger: Logger, history: ActionHistory, what: string): void {
  const { skipped, examples } = history;
  const problems = PROBLEM_REASONS.filter((reason) => (skipped[reason] ?? 0) > 0);
  const fields = { events: history.events.length, skipped, examples };
  if (problems.length > 0) {
    logger.warn(fields, `${what}: some activities or outcomes skipped (${problems.join(', ')})`);
  } else {
    logger.info(fields, `${what}: past actions read`);
  }
}

/** The skip counts as metrics: `skipped_unknown_action`, … */
export function skippedMetrics(history: ActionHistory): Metrics {
  return Object.fromEntries(
    Object.entries(history.skipped).map(([reason, count]) => [`skipped_${reason}`, count]),
  );
}
