/**
 * The quality benchmark: every plugin's evaluation on the public datasets, each metric beside
 * its baseline from the same run. Prints the table and writes bench/QUALITY.md.
 *
 *   npm run bench:quality [-- --data DIR]     (DIR defaults to ../shared/data)
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { shippedFile } from '../core/config/package-root.js';
import { rootLogger } from '../core/logging/logger.js';
import { churnQuality } from './quality/churn-quality.js';
import { churnUpdateQuality } from './quality/churn-update-quality.js';
import { networkQuality } from './quality/network-quality.js';
import { nextPurchaseQuality } from './quality/next-purchase-quality.js';
import { toMarkdownTable, type QualityRow } from './quality/quality-row.js';
import { recommendationsQuality } from './quality/recommendations-quality.js';
import { segmentsQuality } from './quality/segments-quality.js';
import { sentimentQuality } from './quality/sentiment-quality.js';
import { ticketsQuality } from './quality/tickets-quality.js';

const program = new Command()
  .option('--data <dir>', 'the public datasets', join(shippedFile(), '..', 'shared', 'data'))
  .option('--skip <plugins>', 'comma-separated plugins to leave out', '')
  .parse(process.argv);
const { data, skip } = program.opts<{ data: string; skip: string }>();
const skipped = new Set(skip.split(',').filter(Boolean));
// The table is the output; routine logs would bury it.
if (!process.env['LOG_LEVEL']) rootLogger.level = 'warn';

if (!existsSync(data)) {
  process.stderr.write(`bench:quality: no datasets at ${data} (pass --data DIR)\n`);
  process.exit(2);
}

const started = Date.now();
const sections: [string, () => Promise<QualityRow[]> | QualityRow[]][] = [
  [
    'churn',
    () => churnQuality(shippedFile('data', 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv')),
  ],
  [
    'churn_update',
    () =>
      churnUpdateQuality(
        shippedFile('data', 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'),
      ),
  ],
  [
    'segments',
    () =>
      segmentsQuality(
        join(data, 'online-retail', 'online_retail_2010-12-01_to_2011-02-28.csv'),
        'UCI Online Retail, Dec–Feb',
      ),
  ],
  [
    'recommendations',
    () =>
      recommendationsQuality(
        join(data, 'online-retail', 'online_retail_2010-12-01_to_2011-02-28.csv'),
      ),
  ],
  ['sentiment', () => sentimentQuality(data)],
  ['tickets', () => ticketsQuality(data)],
  ['next_purchase', () => nextPurchaseQuality(data)],
  ['network', () => networkQuality(data)],
];

const rows: QualityRow[] = [];
for (const [name, run] of sections) {
  if (skipped.has(name)) continue;
  const sectionStarted = Date.now();
  process.stderr.write(`${name}… `);
  rows.push(...(await run()));
  process.stderr.write(`${((Date.now() - sectionStarted) / 1000).toFixed(1)} s\n`);
}

const table = toMarkdownTable(rows);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
process.stdout.write(`${table}\n`);
await writeFile(
  shippedFile('bench', 'QUALITY.md'),
  [
    '# Quality benchmark',
    '',
    `Produced by \`npm run bench:quality\` on ${new Date().toISOString().slice(0, 10)} ` +
      `(Node ${process.version}, ${seconds} s). Every figure and its baseline come from the same run.`,
    '',
    table,
    '',
  ].join('\n'),
);
