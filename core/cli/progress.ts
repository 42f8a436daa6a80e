import cliProgress from 'cli-progress';

import { createProgressLines } from './progress-lines.js';

/** Receives progress of named stages (`sync`, `train`, …). */
export type StageProgressReporter = {
  update(stage: string, done: number, total: number): void;
  stop(): void;
};

/**
 * Progress bars on stderr, one per stage, when stderr is a terminal; silent otherwise, so
 * piped and `--json` output stays clean.
 */
export function createProgressReporter(enabled = process.stderr.isTTY): StageProgressReporter {
  if (!enabled) return { update: () => undefined, stop: () => undefined };

  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {stage} |{bar}| {percentage}% {value}/{total}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const byStage = new Map<string, { bar: cliProgress.SingleBar; largest: number }>();

  // A stage reports its parts one after another (each object type synced, each plugin
  // scored), so its bar ends on the last part's count; once the run has moved on, the stage
  // is shown done, at the largest total it reported.
  let last: string | undefined;
  const complete = (except?: string): void => {
    for (const [stage, { bar, largest }] of byStage) {
      if (stage === except) continue;
      bar.setTotal(largest);
      bar.update(largest);
    }
  };

  return {
    update(stage, done, total) {
      const label = stage.padEnd(10);
      const entry = byStage.get(stage) ?? {
        bar: bars.create(total, 0, { stage: label }),
        largest: 0,
      };
      byStage.set(stage, entry);
      entry.largest = Math.max(entry.largest, total);
      // Only when the run moves to another stage, not on every tick of this one.
      if (stage !== last) complete(stage);
      last = stage;
      entry.bar.setTotal(total);
      entry.bar.update(done, { stage: label });
    },
    // The last stage is left as it stands: the run may have stopped inside it.
    stop: () => {
      complete(last);
      bars.stop();
    },
  };
}

/**
 * Progress of one command: bars when stderr is a terminal (none with --json), and a plain line
 * every few seconds when it is not, so a long command run from a script or CI shows it works.
 */
export function createCommandProgress(
  label: string,
  json: boolean,
  terminal = process.stderr.isTTY,
): StageProgressReporter {
  if (terminal) return createProgressReporter(!json);
  return createProgressLines({ label });
}
