import { randomUUID } from 'node:crypto';

import { loadConfig, type CrmMlConfig } from '../../config/index.js';
import { CrmMlError, resumeTimeOf } from '../../errors/crm-ml-error.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { openConfiguredConnection, parseCrm } from '../../runtime/configured-crm.js';
import { checkRunConfiguration } from '../../runtime/run-configuration.js';
import { readPluginFigures } from '../../runtime/plugin-figures.js';
import { DeliveryScheduler, webhookPipelineEvents, WebhookService } from '../../webhooks/index.js';
import { openRuntime, type Runtime } from '../../runtime/open-runtime.js';
import { withRunLease } from '../../runtime/connection-run-lease.js';
import { runOnQueue } from '../../jobs/queued-run.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { formatHeadline, toHeadline, type RunHeadline } from '../../runtime/run-summary-view.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';
import type { RunFlags } from './run-command.js';

/** What `run` does once commander has parsed its flags. */
export async function runRun(flags: RunFlags): Promise<void> {
  try {
    const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
    if (config.redisUrl) {
      const { runId, headline } = await runQueued(config, config.redisUrl, flags);
      if (headline) printResult(flags, headline, () => formatHeadline(headline));
      else printResult(flags, { run_id: runId }, () => `queued run ${runId}`);
      return;
    }
    const headline = await runConfigured(config, flags);
    printResult(flags, headline, () => formatHeadline(headline));
  } catch (error) {
    // A pause (the CRM's API budget is spent) is an outcome, not a failure: say when the
    // next run may go on; it continues from the saved cursor.
    const resumeAt = resumeTimeOf(error);
    if (resumeAt === null || !(error instanceof CrmMlError)) {
      printError(flags, error);
      return;
    }
    const paused = {
      status: 'paused',
      paused_until: resumeAt,
      code: error.code,
      reason: error.message,
    };
    printResult(flags, paused, () => `paused until ${resumeAt}: ${error.message}`);
  }
}

// With Redis, workers (`crm-ml worker`) do the run; this only queues it, and waits if asked.
async function runQueued(
  config: CrmMlConfig,
  redisUrl: string,
  flags: RunFlags,
): Promise<{ runId: string; headline?: RunHeadline }> {
  // Workers run the plugins the stored connection names: checked here, before it is stored.
  const { crm, pluginOptions } = await checkRunConfiguration(config, parseCrm(flags.crm));
  // The connection is named after the CRM account, which one call asks for.
  const { connectionId, connector } = await openConfiguredConnection(config, crm.crm);
  await connector.close?.();
  const store = await openConfiguredStore(config);
  const progress = createProgressReporter(!flags.json && flags.wait && process.stderr.isTTY);
  try {
    const queued = await runOnQueue(config, store, {
      redisUrl,
      prefix: config.queuePrefix,
      plugins: pluginOptions,
      connectionId,
      crm,
      forceTrain: flags.forceTrain,
      wait: flags.wait,
      onProgress: (stage, done, total) => progress.update(stage, done, total),
    });
    const { runId, summary } = queued;
    return summary ? { runId, headline: toHeadline(summary) } : { runId };
  } finally {
    progress.stop();
    await store.close();
  }
}

async function runConfigured(
  config: CrmMlConfig,
  flags: RunFlags,
): Promise<ReturnType<typeof toHeadline>> {
  const crm = parseCrm(flags.crm);
  const { plugins, pluginOptions } = await checkRunConfiguration(config, crm);
  const store = await openConfiguredStore(config);
  const progress = createProgressReporter(!flags.json && process.stderr.isTTY);
  let runtime: Runtime | null = null;
  try {
    const { connector, connectionId } = await openConfiguredConnection(config, crm);
    const opened = openRuntime({
      store,
      connector,
      connectionId,
      plugins,
      pluginOptions,
      seed: config.seed,
      driftPsi: config.driftPsi,
      ...(config.scoreThreads === undefined ? {} : { scoreThreads: config.scoreThreads }),
      events: webhookPipelineEvents(new WebhookService({ store })),
      onProgress: (job, done, total) => progress.update(job.kind, done, total),
    });
    runtime = opened;
    // Another run of this connection on this store (a cron overlapping a slow run) is refused.
    const runId = randomUUID();
    const summary = await withRunLease(
      store,
      connectionId,
      runId,
      () => runPipeline(opened.context, opened.runner, { forceTrain: flags.forceTrain, runId }),
      { releaseOnSignal: true },
    );
    const figures = await readPluginFigures(runtime.context, summary);
    await runtime.close();
    runtime = null;
    // One delivery pass for the run's events; `serve` and `worker` retry what fails.
    await new DeliveryScheduler({ store }).runDue();
    return toHeadline(summary, figures);
  } finally {
    progress.stop();
    await runtime?.close();
    await store.close();
  }
}
