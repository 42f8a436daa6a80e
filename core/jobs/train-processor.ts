import type { SandboxedJob } from 'bullmq';

import { loadConfig } from '../config/index.js';
import { registerPipelineJobs } from '../pipeline/pipeline-jobs.js';
import { createContextResolver } from '../runtime/context-resolver.js';
import { configuredPlugins, defaultConnectors } from '../runtime/default-registries.js';
import type { JobHandler, JobKind, JobRunner } from './job.js';
import { stageProcessor, type StageJob } from './stage-processor.js';
import { refuseForeignJobs } from './store-guard.js';
import { openConfiguredStore } from './worker-store.js';

/**
 * Train jobs run here, in a child process BullMQ forks for the worker: training is CPU-bound
 * and would otherwise block the worker's event loop, and with it the lock renewals that tell
 * other workers this job is still alive. The child opens the store the environment names
 * (DATABASE_URL or CRM_ML_HOME) once and keeps it for the jobs that follow.
 */
let trainHandler: Promise<(job: StageJob) => Promise<unknown>> | undefined;

async function openTrainHandler(): Promise<(job: StageJob) => Promise<unknown>> {
  const config = loadConfig(process.env);
  const store = await openConfiguredStore(config);
  const resolver = createContextResolver({
    store,
    connectors: defaultConnectors(),
    plugins: await configuredPlugins(config),
    seed: config.seed,
    driftPsi: config.driftPsi,
  });

  const handlers = new Map<JobKind, JobHandler>();
  const collector: JobRunner = {
    register: (kind, handler) => void handlers.set(kind, handler),
    run: async () => undefined,
    runFlow: async () => [],
    close: async () => undefined,
  };
  registerPipelineJobs(collector, resolver.resolve);
  const train = handlers.get('train');
  if (!train) throw new Error('the pipeline registers no train handler');
  // The child checks the store itself: it opened its own from the same environment.
  return refuseForeignJobs('train', store.id, stageProcessor(train));
}

export default async function processTrainJob(job: SandboxedJob): Promise<unknown> {
  trainHandler ??= openTrainHandler();
  return (await trainHandler)(job as StageJob);
}
