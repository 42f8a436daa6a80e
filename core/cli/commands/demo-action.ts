import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parsePort } from '../cli-options.js';
import type { Plugin } from '../../../plugins/plugin.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { createNextPurchasePlugin } from '../../../plugins/next-purchase/index.js';
import { createRecommendationsPlugin } from '../../../plugins/recommendations/index.js';
import { createSegmentsPlugin } from '../../../plugins/segments/index.js';
import { createSentimentPlugin } from '../../../plugins/sentiment/index.js';
import { DEMO_CRMS, DEMO_SEED, type DemoCrm, type DemoCrmId } from '../../demo/demo-crm.js';
import { startHubSpotDemo } from '../../demo/hubspot-demo.js';
import { startSalesforceDemo } from '../../demo/salesforce-demo.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { readPluginFigures } from '../../runtime/plugin-figures.js';
import { formatHeadline, toHeadline } from '../../runtime/run-summary-view.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { withRunLease } from '../../runtime/connection-run-lease.js';
import { openStore } from '../../store/index.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';
import type { DemoFlags } from './demo-command.js';

const START_DEMO: Record<DemoCrmId, (port: number) => Promise<DemoCrm>> = {
  hubspot: startHubSpotDemo,
  salesforce: startSalesforceDemo,
};

/** What `demo` does once commander has parsed its flags. */
export async function runDemoCommand(flags: DemoFlags): Promise<void> {
  try {
    const headline = await runDemo(flags);
    printResult(flags, headline, () => formatHeadline(headline));
  } catch (error) {
    printError(flags, error);
  }
}

async function runDemo(flags: DemoFlags): Promise<ReturnType<typeof toHeadline>> {
  const crm = await START_DEMO[demoCrmOf(flags.crm)](parsePort('--port', flags.port));
  const home = await mkdtemp(join(tmpdir(), 'crm-ml-demo-'));
  const store = await openStore({ sqlitePath: join(home, 'crm-ml.sqlite') });
  const progress = createProgressReporter(!flags.json && process.stderr.isTTY);

  try {
    process.stderr.write(`${crm.description}\n`);
    const runtime = openRuntime({
      store,
      connector: crm.connector,
      connectionId: crm.connectionId,
      plugins: demoPlugins(crm),
      pluginOptions: crm.pluginOptions,
      seed: DEMO_SEED,
      onProgress: (job, done, total) => progress.update(job.kind, done, total),
    });
    // The same lease every in-process run takes, though a demo's store is its own.
    const runId = randomUUID();
    const summary = await withRunLease(
      store,
      crm.connectionId,
      runId,
      () => runPipeline(runtime.context, runtime.runner, { forceTrain: true, runId }),
      { releaseOnSignal: true },
    );
    const figures = await readPluginFigures(runtime.context, summary);
    await runtime.close();
    return toHeadline(summary, figures);
  } finally {
    progress.stop();
    await store.close();
    await rm(home, { recursive: true, force: true });
    if (flags.keep) {
      process.stderr.write(
        `sandbox still running on ${crm.url} (Ctrl-C to stop); a run against it:\n` +
          `  ${runEnvironment(crm)} npx crm-ml run\n`,
      );
    } else {
      await crm.close();
    }
  }
}

// The demo's plugins and options too: without them a run would score with the defaults and
// write those values over the demo's.
function runEnvironment(crm: DemoCrm): string {
  const plugins = demoPlugins(crm).map((plugin) => plugin.id);
  const options = JSON.stringify(crm.pluginOptions);
  return (
    `${crm.runEnvironment} CRM_ML_ENABLED_PLUGINS=${plugins.join(',')} ` +
    `CRM_ML_PLUGIN_OPTIONS='${options}'`
  );
}

function demoPlugins(crm: DemoCrm): Plugin[] {
  const sentiment = createSentimentPlugin();
  return [
    createChurnPlugin(),
    // The demo's notes are review sentences attached to customers at random, so counting
    // them says nothing about a customer: its segments come from orders alone.
    { ...createSegmentsPlugin(), inputs: ['orders'] },
    createRecommendationsPlugin({ input: 'orders' }),
    createNextPurchasePlugin(),
    crm.textInputs === undefined ? sentiment : { ...sentiment, inputs: crm.textInputs },
  ];
}

// Checked here rather than by commander, so a wrong name is a JSON error under --json too.
function demoCrmOf(name: string): DemoCrmId {
  const crm = DEMO_CRMS.find((candidate) => candidate === name);
  if (crm !== undefined) return crm;
  throw new CrmMlError(
    'cli_invalid_option',
    `--crm must be ${DEMO_CRMS.join(' or ')}, got '${name}'`,
  );
}
