import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderSegmentsSvg, segmentOrderRows } from '../../../plugins/segments/index.js';
import { readCsv } from '../../csv/index.js';
import { assertSvgTarget, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';

interface EvalSegmentsFlags {
  json: boolean;
  csv: string;
  customer: string;
  time: string;
  amount?: string;
  quantity?: string;
  price?: string;
  invoice?: string;
  k?: string;
  plot?: string;
}

/**
 * `crm-ml eval segments`: segments an order file's customers as the plugin segments contacts
 * (RFM, k by silhouette, readable names) and draws their profiles.
 */
export function registerEvalSegmentsCommand(evaluate: Command): void {
  evaluate
    .command('segments')
    .description('segment the customers of an order file; profiles printed and drawn')
    .requiredOption('--csv <file>', 'the order lines')
    .requiredOption('--customer <column>', 'customer id column')
    .requiredOption('--time <column>', 'purchase time column')
    .option('--amount <column>', 'line amount column')
    .option('--quantity <column>', 'quantity column (negative quantities are returns)')
    .option('--price <column>', 'unit price column (amount = quantity × price)')
    .option('--invoice <column>', "invoice column (ids starting with 'C' are cancellations)")
    .option('--k <n>', 'a fixed number of segments (default: chosen by silhouette in 2–8)')
    .option('--plot <file.svg>', 'draw the segment profiles into an SVG file')
    .option('--json', 'print one JSON object with k, silhouette and the profiles', false)
    .action(async (flags: EvalSegmentsFlags) => {
      try {
        const k = flags.k === undefined ? undefined : parseWholeNumber('--k', flags.k);
        if (flags.plot) assertSvgTarget('--plot', flags.plot);
        const table = await readCsv(flags.csv, { requiredColumns: [flags.customer, flags.time] });
        for (const problem of table.problems) {
          process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
        }
        const optional = (key: string, column: string | undefined) =>
          column === undefined ? {} : { [key]: column };
        const result = segmentOrderRows(table.rows, {
          fields: {
            customer: flags.customer,
            time: flags.time,
            ...optional('amount', flags.amount),
            ...optional('quantity', flags.quantity),
            ...optional('price', flags.price),
            ...optional('invoice', flags.invoice),
          },
          ...(k === undefined ? {} : { k }),
        });
        if (flags.plot) await writeFile(flags.plot, renderSegmentsSvg(result.profile));
        printResult(flags, result, () => formatSegments(result));
      } catch (error) {
        printError(flags, error);
      }
    });
}

function formatSegments(result: ReturnType<typeof segmentOrderRows>): string {
  const lines = result.profile.segments.map(
    (segment) =>
      `${String(segment.id).padStart(3)}  ${segment.name.padEnd(30)} ` +
      `${String(segment.size).padStart(7)}  ${(segment.share * 100).toFixed(1)} %`,
  );
  return [
    `k = ${result.k} (silhouette ${result.silhouette.toFixed(3)}), ${result.customers} customers`,
    ...lines,
  ].join('\n');
}
