import { writeFile } from 'node:fs/promises';
import { renderSegmentsSvg, segmentOrderRows } from '../../../plugins/segments/index.js';
import { readCsv } from '../../csv/index.js';
import { assertSvgTarget, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalSegmentsFlags } from './eval-segments-command.js';

/** What `eval segments` does once commander has parsed its flags. */
export async function runEvalSegments(flags: EvalSegmentsFlags): Promise<void> {
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
    for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
    printResult(flags, result, () => formatSegments(result));
  } catch (error) {
    printError(flags, error);
  }
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
