import cliProgress from 'cli-progress';

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
  const byStage = new Map<string, cliProgress.SingleBar>();

  return {
    update(stage, done, total) {
      const label = stage.padEnd(10);
      const bar = byStage.get(stage) ?? bars.create(total, 0, { stage: label });
      byStage.set(stage, bar);
      bar.setTotal(total);
      bar.update(done, { stage: label });
    },
    stop: () => bars.stop(),
  };
}
