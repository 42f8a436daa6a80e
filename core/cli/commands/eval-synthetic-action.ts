import { readCsv } from '../../csv/index.js';
import { evaluateSynthetic, type SyntheticEvaluation } from '../../synthetic/evaluate-synthetic.js';
import { parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalSyntheticFlags } from './eval-synthetic-command.js';

/** What `eval synthetic` does once commander has parsed its flags. */
export async function runEvalSynthetic(flags: EvalSyntheticFlags): Promise<void> {
  try {
    const seed = parseWholeNumber('--seed', flags.seed);
    const table = await readCsv(flags.from);
    for (const problem of table.problems) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }
    const result = await evaluateSynthetic(table.columns, table.rows, {
      seed,
      ...(flags.target === undefined ? {} : { target: flags.target }),
      ...(flags.positive === undefined ? {} : { positive: flags.positive }),
    });
    const output = { ...result, skipped_rows: table.problems.length };
    printResult(flags, output, () => describe(result));
  } catch (error) {
    printError(flags, error);
  }
}

function describe(result: SyntheticEvaluation): string {
  const f = (n: number): string => n.toFixed(3);
  const { correlation: c, privacy: p } = result;
  const tstr = result.train_synthetic_test_real;
  const trtr = result.train_real_test_real;
  const columns = result.columns.map(
    (d) =>
      `  ${d.column.padEnd(20)} ${d.statistic} ${f(d.distance)}` +
      (d.blank_share_difference > 0 ? `  (blank share ±${f(d.blank_share_difference)})` : ''),
  );
  return [
    `rows         ${result.real_train_rows} real to learn, ${result.real_holdout_rows} held out, ` +
      `${result.synthetic_rows} synthetic`,
    `marginals    max KS ${f(result.max_ks)}, max TV ${f(result.max_tv)}`,
    ...columns,
    `correlation  max |Δr| ${f(c.max_abs_difference)} (${c.pair[0]} × ${c.pair[1]}: real ${f(c.real)}, ` +
      `synthetic ${f(c.synthetic)}), mean |Δr| ${f(c.mean_abs_difference)} over ${c.features} features`,
    ...result.relations.map(
      ({ real, synthetic }) =>
        `relation     ${real.column} ≈ ${real.factors.join(' × ')}: rows within ` +
        `${real.band.join('–')}×, real ${f(real.share_in_band)}, synthetic ${f(synthetic.share_in_band)}`,
    ),
    `churn        ROC AUC on real holdout: trained on synthetic ${f(tstr.roc_auc)} (${tstr.model}), ` +
      `on real ${f(trtr.roc_auc)} (${trtr.model})`,
    `privacy      exact copies ${f(p.exact_copy_share)} (holdout ${f(p.holdout_exact_copy_share)}); ` +
      `DCR median ${f(p.synthetic_dcr_median)} (holdout ${f(p.holdout_dcr_median)}), ` +
      `5th pct ${f(p.synthetic_dcr_p05)} (holdout ${f(p.holdout_dcr_p05)}); ` +
      `${f(p.closer_than_holdout_p05_share)} closer than the holdout's 5th pct`,
    `seconds      ${result.seconds.toFixed(1)}`,
  ].join('\n');
}
