import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createHubSpotConnector } from '../../../connectors/hubspot/index.js';
import { seedDemo, startHubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { createRecommendationsPlugin } from '../../../plugins/recommendations/index.js';
import { createSegmentsPlugin } from '../../../plugins/segments/index.js';
import { createSentimentPlugin } from '../../../plugins/sentiment/index.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import { readPluginFigures } from '../../runtime/plugin-figures.js';
import { formatHeadline, toHeadline } from '../../runtime/run-summary-view.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { openStore } from '../../store/index.js';
import { printError, printResult } from '../output.js';
import { createProgressReporter } from '../progress.js';

const DEMO_TOKEN = 'demo-private-app-token';
const DEMO_SEED = 42;

// The seeded properties are the source columns through toPropertyName: Telco's `Churn`, and
// Online Retail's InvoiceNo, StockCode, Description, Quantity, InvoiceDate and UnitPrice on
// each order (one order per order line); notes carry HubSpot's own hs_note_body/hs_timestamp.
const ORDER_FIELDS = {
  timeProperty: 'invoice_date',
  quantityProperty: 'quantity',
  invoiceProperty: 'invoice_no',
};
const PLUGIN_OPTIONS = {
  churn: { target: 'churn', positive: 'Yes' },
  segments: { ...ORDER_FIELDS, priceProperty: 'unit_price' },
  recommendations: { ...ORDER_FIELDS, itemProperty: 'stock_code', nameProperty: 'description' },
  sentiment: { textProperties: ['hs_note_body'], timeProperties: ['hs_timestamp'] },
};

interface DemoFlags {
  json: boolean;
  port: string;
  keep: boolean;
}

/**
 * `crm-ml demo`: the whole loop on real data. Starts a HubSpot sandbox seeded with the IBM
 * Telco customers, Online Retail orders and UCI sentences as notes linked to them, then
 * sync → provision → train → score → write-back of churn, segments, recommendations and
 * sentiment into a fresh store.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole loop against a local HubSpot sandbox seeded with real data')
    .option('--json', 'print one JSON object with the summary', false)
    .option('--port <n>', 'sandbox port (0 picks a free one)', '0')
    .option('--keep', 'keep the sandbox running afterwards, to look at the records', false)
    .action(async (flags: DemoFlags) => {
      try {
        const headline = await runDemo(flags);
        printResult(flags, headline, () => formatHeadline(headline));
      } catch (error) {
        printError(flags, error);
      }
    });
}

async function runDemo(flags: DemoFlags): Promise<ReturnType<typeof toHeadline>> {
  const sandbox = await startHubSpotSandbox({ port: Number(flags.port), accessToken: DEMO_TOKEN });
  const home = await mkdtemp(join(tmpdir(), 'crm-ml-demo-'));
  const store = await openStore({ sqlitePath: join(home, 'crm-ml.sqlite') });
  const progress = createProgressReporter(!flags.json && process.stderr.isTTY);

  try {
    const seed = await seedDemo(sandbox);
    process.stderr.write(
      `HubSpot sandbox on ${sandbox.url}: ${seed.contactIds.length} Telco customers, ` +
        `${seed.orderIds.length} order lines of ${seed.customerContacts.size} of them, ` +
        `${seed.noteIds.length} notes on ${seed.contactsWithNotes}\n`,
    );

    const runtime = openRuntime({
      store,
      connector: createHubSpotConnector({ accessToken: DEMO_TOKEN, basePath: sandbox.url }),
      connectionId: 'demo-hubspot',
      plugins: [
        createChurnPlugin(),
        createSegmentsPlugin(),
        createRecommendationsPlugin({ input: 'orders' }),
        createSentimentPlugin(),
      ],
      pluginOptions: PLUGIN_OPTIONS,
      seed: DEMO_SEED,
      onProgress: (job, done, total) => progress.update(job.kind, done, total),
    });
    const summary = await runPipeline(runtime.context, runtime.runner, { forceTrain: true });
    const figures = await readPluginFigures(runtime.context, summary);
    await runtime.close();
    return toHeadline(summary, figures);
  } finally {
    progress.stop();
    await store.close();
    await rm(home, { recursive: true, force: true });
    if (flags.keep) {
      process.stderr.write(`sandbox still running on ${sandbox.url} (Ctrl-C to stop)\n`);
    } else {
      await sandbox.close();
    }
  }
}
