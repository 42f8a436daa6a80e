import { writeFile } from 'node:fs/promises';
import { renderChurnReportSvg } from '../../report/churn-report-svg.js';
import { evaluateChurn, type ChurnEvaluation } from '../../../plugins/churn/index.js';
import { readCsv } from '../../csv/index.js';
import {
  assertSvgTarget,
  parseDelimiter,
  parseQuoteMode,
  parseWholeNumber,
} from '../cli-options.js';
import { formatFigures, printError, printResult } from '../output.js';
import { createCommandProgress } from '../progress.js';
import type { EvalChurnFlags } from './eval-churn-command.js';

/** What `eval churn` does once commander has parsed its flags. */
export async function runEvalChurn(flags: EvalChurnFlags): Promise<void> {
  try {
    const seed = parseWholeNumber('--seed', flags.seed);
    if (flags.plot) assertSvgTarget('--plot', flags.plot);
    const progress = createCommandProgress('eval churn', flags.json);
    const output = await evaluate(flags, seed, (stage, done, total) =>
      progress.update(stage, done, total),
    ).finally(() => progress.stop());
    printResult(flags, output, () => `${formatFigures(output)}\n${baselineLine(output)}`);
  } catch (error) {
    printError(flags, error);
  }
}

type StageProgress = (stage: string, done: number, total: number) => void;

async function evaluate(
  flags: EvalChurnFlags,
  seed: number,
  onProgress: StageProgress,
): Promise<ChurnEvaluation & { skipped_rows: number }> {
  onProgress('read', 0, 0);
  const requiredColumns = [flags.target, ...(flags.id === undefined ? [] : [flags.id])];
  const table = await readCsv(flags.csv, {
    requiredColumns,
    quote: parseQuoteMode(flags.quote),
    ...(flags.delimiter === undefined ? {} : { delimiter: parseDelimiter(flags.delimiter) }),
  });
  for (const problem of table.problems) {
    process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
  }
  const result = await evaluateChurn(table.rows, {
    target: flags.target,
    seed,
    lines: table.lines,
    progress: (done, total) => onProgress('train', done, total),
    ...(flags.positive === undefined ? {} : { positive: flags.positive }),
    ...(flags.id === undefined ? {} : { id: flags.id }),
  });
  if (flags.plot) await writeFile(flags.plot, renderChurnReportSvg(result));
  return { ...result, skipped_rows: table.problems.length };
}

function baselineLine(result: ChurnEvaluation): string {
  const { baseline } = result;
  const figures = `ROC AUC ${baseline.roc_auc.toFixed(4)}, PR AUC ${baseline.pr_auc.toFixed(4)}`;
  return `${'baseline'.padEnd(22)} ${figures}, Brier ${baseline.brier.toFixed(4)} (${baseline.rule})`;
}
