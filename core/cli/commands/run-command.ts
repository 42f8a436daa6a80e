import { join } from 'node:path';
import type { Command } from 'commander';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { loadConfig, type CrmMlConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { formatHeadline, toHeadline } from '../../runtime/run-summary-view.js';
import { openStore } from '../../store/index.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';

interface RunFlags {
  json: boolean;
  forceTrain: boolean;
  config?: string;
}

/** `crm-ml run`: one pipeline run against the configured HubSpot portal. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('sync, train when due, score and write back for the configured connection')
    .option('--json', 'print one JSON object with the summary', false)
    .option('--force-train', 'train a new model even when the latest one is fresh', false)
    .option('--config <file>', 'a crm-ml.config.json to read besides the environment')
    .action(async (flags: RunFlags) => {
      try {
        const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
        const headline = await runConfigured(config, flags);
        printResult(flags, headline, () => formatHeadline(headline));
      } catch (error) {
        printError(flags, error);
      }
    });
}

async function runConfigured(
  config: CrmMlConfig,
  flags: RunFlags,
): Promise<ReturnType<typeof toHeadline>> {
  const hubspot = config.hubspot;
  if (!hubspot.accessToken) {
    throw new CrmMlError(
      'config_missing',
      'HUBSPOT_ACCESS_TOKEN is not set: create a private app in HubSpot and export its token',
    );
  }

  const store = await openStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { sqlitePath: join(config.home, 'crm-ml.sqlite') },
  );
  const progress = createProgressReporter(!flags.json && process.stderr.isTTY);
  try {
    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({
        accessToken: hubspot.accessToken,
        ...(hubspot.baseUrl ? { basePath: hubspot.baseUrl } : {}),
        ...(hubspot.oauth ? { oauth: hubspot.oauth } : {}),
      }),
      connectionId: 'hubspot',
      plugins: [createChurnPlugin()],
      pluginOptions: { churn: { ...config.churn } },
      seed: config.seed,
      onProgress: (job, done, total) => progress.update(job.kind, done, total),
    });
    const summary = await runPipeline(runtime.context, runtime.runner, {
      forceTrain: flags.forceTrain,
    });
    await runtime.close();
    return toHeadline(summary);
  } finally {
    progress.stop();
    await store.close();
  }
}
