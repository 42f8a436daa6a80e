import type { Connector } from '../../connectors/connector.js';
import type { Plugin } from '../../plugins/plugin.js';
import { InProcessRunner } from '../jobs/in-process-runner.js';
import type { Job, JobRunner } from '../jobs/job.js';
import type { PipelineContext } from '../pipeline/pipeline-context.js';
import type { PipelineEvents } from '../pipeline/pipeline-events.js';
import { registerPipelineJobs } from '../pipeline/pipeline-jobs.js';
import type { Store } from '../store/index.js';

export interface RuntimeOptions {
  store: Store;
  connector: Connector;
  connectionId: string;
  plugins: readonly Plugin[];
  pluginOptions?: Record<string, Record<string, unknown>>;
  seed: number;
  /** Score-distribution PSI above which the next run retrains; 0.25 when absent. */
  driftPsi?: number;
  /** Scoring threads of large runs (`PipelineContext.scoreThreads`); automatic when absent. */
  scoreThreads?: number;
  /** Listeners to changed scores and finished runs (webhooks). */
  events?: PipelineEvents;
  onProgress?: (job: Job, done: number, total: number) => void;
}

/** A connection ready to run: its pipeline context and a job runner that knows the stages. */
export interface Runtime {
  context: PipelineContext;
  runner: JobRunner;
  close(): Promise<void>;
}

/** Wires a store, a connector and plugins into a runnable pipeline (in-process runner). */
export function openRuntime(options: RuntimeOptions): Runtime {
  const context: PipelineContext = {
    store: options.store,
    connector: options.connector,
    connectionId: options.connectionId,
    plugins: options.plugins,
    pluginOptions: options.pluginOptions ?? {},
    seed: options.seed,
    now: () => new Date(),
    ...(options.driftPsi === undefined ? {} : { driftPsi: options.driftPsi }),
    ...(options.scoreThreads === undefined ? {} : { scoreThreads: options.scoreThreads }),
    ...(options.events ? { events: options.events } : {}),
  };
  const runner = new InProcessRunner(options.onProgress ? { onProgress: options.onProgress } : {});
  registerPipelineJobs(runner, async () => context);

  return {
    context,
    runner,
    async close() {
      await runner.close();
      await options.connector.close?.();
    },
  };
}
