import type { StageProgressReporter } from './progress.js';

export interface ProgressLinesOptions {
  /** Names the command in each line, e.g. `eval churn`. */
  label: string;
  /** How often a line is written; default 5 s. */
  everyMs?: number;
  write?: (line: string) => void;
  now?: () => number;
}

const DEFAULT_EVERY_MS = 5_000;

/**
 * Progress for a stderr that is not a terminal (a log file, CI, a pipe), where bars would be
 * noise: a plain line with the current stage, its count and the time so far, at most one per
 * `everyMs`, so a command that works for minutes is seen to be alive. A command done within
 * `everyMs` writes none.
 */
export function createProgressLines(options: ProgressLinesOptions): StageProgressReporter {
  const everyMs = options.everyMs ?? DEFAULT_EVERY_MS;
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const started = now();
  let lastWritten = started;
  let current: { stage: string; done: number; total: number } | null = null;

  const writeIfDue = (): void => {
    const at = now();
    if (at - lastWritten < everyMs) return;
    lastWritten = at;
    const seconds = Math.round((at - started) / 1000);
    if (current === null) {
      write(`${options.label}: working, ${seconds} s`);
      return;
    }
    const { stage, done, total } = current;
    const share = total > 0 ? ` ${done}/${total} (${Math.floor((100 * done) / total)} %)` : '';
    write(`${options.label}: ${stage}${share}, ${seconds} s`);
  };
  // Training holds the event loop for long stretches, where no timer fires: updates write
  // too, once the interval has passed, and the timer covers the waits between them.
  const timer = setInterval(writeIfDue, everyMs);
  // Progress alone must not keep the process alive.
  timer.unref();

  return {
    update(stage, done, total) {
      current = { stage, done, total };
      writeIfDue();
    },
    stop: () => clearInterval(timer),
  };
}
