import type { PipelineContext } from '../../core/pipeline/pipeline-context.js';
import type { Store } from '../../core/store/index.js';
import type { Plugin } from '../../plugins/plugin.js';
import type { BenchOptions } from './bench-options.js';
import type { SandboxHandle } from './sandbox-handle.js';

/** Everything the stages share for one bench run. */
export interface BenchRun {
  options: BenchOptions;
  sandbox: SandboxHandle;
  store: Store;
  context: PipelineContext;
  plugin: Plugin;
  /** The sandbox's enforced limit, in calls per second. */
  ceilingPerSecond: number;
  /** The rolling window the ceiling is counted over. */
  intervalMs: number;
}

/** A stage's figures, flat so they read well as JSON and as a table. */
export type Figures = Record<string, number | string | null>;

/** Rounds a figure for the report: three significant decimals are plenty for a benchmark. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `part / whole`, or null when `whole` is zero (a ratio nothing was measured for). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}
