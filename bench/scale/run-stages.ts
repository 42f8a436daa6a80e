import type { BenchRun, Figures } from './bench-run.js';
import { runFeaturesStage } from './features-stage.js';
import { runRescoreStage } from './rescore-stage.js';
import { runScoreStage } from './score-stage.js';
import { runSyncStage } from './sync-stage.js';
import { runTrainStage } from './train-stage.js';
import { runWritebackStage } from './writeback-stage.js';

/** Runs the chosen stages in pipeline order; each one's figures under its name. */
export async function runStages(run: BenchRun): Promise<Record<string, Figures>> {
  const { stages } = run.options;
  const figures: Record<string, Figures> = {};
  // Progress on stderr: stdout carries only the result (one JSON object with --json).
  const note = (name: string): void => {
    process.stderr.write(`bench: ${name} done\n`);
  };

  if (stages.has('sync')) figures['sync'] = await runSyncStage(run);
  note('sync');
  if (stages.has('features')) figures['features'] = await runFeaturesStage(run);
  if (stages.has('train')) figures['train'] = await runTrainStage(run);
  note('train');
  if (stages.has('score')) figures['score'] = await runScoreStage(run);
  note('score');

  if (stages.has('writeback')) {
    const { ours, naive, fullRunCalls } = await runWritebackStage(run);
    figures['writeback'] = ours;
    figures['writeback_naive'] = naive;
    note('writeback');

    const syncCalls = figures['sync']?.['calls'];
    const full = fullRunCalls + (typeof syncCalls === 'number' ? syncCalls : 0);
    if (stages.has('rescore')) figures['rescore'] = await runRescoreStage(run, full);
  }
  return figures;
}
