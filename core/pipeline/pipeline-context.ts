import type { Connector } from '../../connectors/connector.js';
import type { Plugin, ProgressFn } from '../../plugins/plugin.js';
import type { Store } from '../store/index.js';
import type { PipelineEvents } from './pipeline-events.js';

/** What every pipeline stage works with: one connection, its CRM, the store and the plugins. */
export interface PipelineContext {
  store: Store;
  connector: Connector;
  connectionId: string;
  plugins: readonly Plugin[];
  /** Settings per plugin id, passed to `Plugin.train` as its options. */
  pluginOptions: Readonly<Record<string, Record<string, unknown>>>;
  seed: number;
  now: () => Date;
  /** Listeners to changed scores and finished runs (webhooks); none by default. */
  events?: PipelineEvents;
  /** Score-distribution PSI above which the next run retrains; `DEFAULT_DRIFT_PSI` (0.25). */
  driftPsi?: number;
  /**
   * Worker threads that score beside the main thread in large runs (20,000 records and more),
   * for plugins with a `scoreWorker`. Default: one where the machine has a second core, else
   * none (0 scores in-thread). See bench/RESULTS.md.
   */
  scoreThreads?: number;
}

/** A stage's progress callback; stages call it as work is done. */
export type StageProgress = ProgressFn;
