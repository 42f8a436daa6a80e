import { randomUUID } from 'node:crypto';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Job, JobRunner } from '../jobs/job.js';
import { createLogger } from '../logging/logger.js';
import type { ContextResolver, PipelinePayloads } from '../pipeline/pipeline-jobs.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { RunRepository, Store } from '../store/index.js';
import { takeRunLease } from '../runtime/connection-run-lease.js';
import type { RunRequest, RunStarter } from './run-starter.js';
import { safeError } from './safe-error.js';

const logger = createLogger('api.runs');

export interface InProcessRunStarterOptions {
  store: Store;
  /** A runner with the pipeline jobs registered (`registerPipelineJobs`). */
  runner: JobRunner;
  resolve: ContextResolver;
}

// runPipeline records its own run; this view of the store hands the new run's id to the caller.
function capturingRuns(runs: RunRepository, onStart: (id: number) => void): RunRepository {
  const view = Object.create(runs) as RunRepository;
  view.start = async (input) => {
    const id = await runs.start(input);
    onStart(id);
    return id;
  };
  return view;
}

/**
 * Runs in this process, in the background of the API server: the embedded default. A run
 * holds its connection's lease in the store while it lives, so a second one is refused with
 * `run_in_progress` whether it comes through this API or a `crm-ml run` on the same store.
 */
export class InProcessRunStarter implements RunStarter {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly options: InProcessRunStarterOptions) {}

  async start(request: RunRequest): Promise<number> {
    // Every run, a single stage as well as the pipeline, is recorded and logged under one id.
    const runId = randomUUID();
    const lease = await takeRunLease(this.options.store, request.connectionId, runId);
    const log = { runId, connectionId: request.connectionId, kind: request.kind };
    let reportId: (id: number) => void = () => undefined;
    const recorded = new Promise<number>((resolve) => (reportId = resolve));
    const work = this.execute(request, runId, reportId).finally(() => lease.release());
    const tracked = work.then(
      () => logger.info(log, 'run finished'),
      (error: unknown) => logger.warn({ ...log, err: safeError(error) }, 'run failed'),
    );
    void recorded.then(() => logger.info(log, 'run started'));
    this.running.set(request.connectionId, tracked);
    void tracked.finally(() => this.running.delete(request.connectionId));

    // A run that fails before it is recorded (unknown connection) fails the request instead.
    return Promise.race([recorded, work.then(() => recorded)]);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.running.values());
  }

  private async execute(
    request: RunRequest,
    runId: string,
    reportId: (id: number) => void,
  ): Promise<void> {
    const { store, runner, resolve } = this.options;
    const context = await resolve(request.connectionId);

    if (request.kind === 'pipeline') {
      const runs = capturingRuns(store.runs, reportId);
      await runPipeline({ ...context, store: { ...store, runs } }, runner, {
        forceTrain: request.forceTrain,
        runId,
        ...(request.changes === undefined ? {} : { changes: request.changes }),
      });
      return;
    }

    const startedAt = new Date().toISOString();
    const storeRunId = await store.runs.start({
      connectionId: request.connectionId,
      kind: request.kind,
      startedAt,
      runId,
    });
    reportId(storeRunId);

    const job: Job = {
      kind: request.kind,
      runId,
      connectionId: request.connectionId,
      payload: stagePayload(request, context.plugins),
    };
    try {
      const summary = await runner.run(job);
      await store.runs.finish(storeRunId, {
        status: 'succeeded',
        summary: JSON.parse(JSON.stringify(summary ?? null)),
        finishedAt: new Date().toISOString(),
      });
    } catch (error) {
      const message = error instanceof CrmMlError ? error.message : 'the run failed';
      const code = error instanceof CrmMlError ? error.code : 'internal_error';
      await store.runs.finish(storeRunId, {
        status: 'failed',
        summary: { error: { code, message } },
        finishedAt: new Date().toISOString(),
      });
      throw error;
    }
  }
}

type Plugins = Awaited<ReturnType<ContextResolver>>['plugins'];

/** What the job of a single-stage run (`sync`, `train`, …) carries. */
export function stagePayload(request: RunRequest, plugins: Plugins): Job['payload'] {
  switch (request.kind) {
    case 'sync': {
      const types = plugins.flatMap((plugin) => [plugin.objectType, ...(plugin.inputs ?? [])]);
      const payload: PipelinePayloads['sync'] = { objectTypes: [...new Set(types)] };
      return payload;
    }
    case 'train':
      // Asking for a training run means training now, fresh models or not.
      return { force: true } satisfies PipelinePayloads['train'];
    case 'score':
      return { changedSince: null } satisfies PipelinePayloads['score'];
    default:
      return {};
  }
}
