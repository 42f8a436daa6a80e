import { writeFile } from 'node:fs/promises';
import {
  evaluateNextBestAction,
  renderNextBestActionSvg,
  type NextBestActionEvaluation,
} from '../../../plugins/next-best-action/index.js';
import { readCsv } from '../../csv/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { assertSvgTarget, parsePositiveInteger, parseWholeNumber } from '../cli-options.js';
import { printError, printResult } from '../output.js';
import type { EvalNextBestActionFlags } from './eval-next-best-action-command.js';

/** What `eval next best action` does once commander has parsed its flags. */
export async function runEvalNextBestAction(flags: EvalNextBestActionFlags): Promise<void> {
  try {
    const settings = {
      seed: parseWholeNumber('--seed', flags.seed),
      rounds: parsePositiveInteger('--rounds', flags.rounds),
      batchSize: parsePositiveInteger('--batch', flags.batch),
      logRounds: parsePositiveInteger('--log-rounds', flags.logRounds),
      exclude: flags.exclude
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
      exploration: {
        strategy: flags.strategy,
        alpha: parseDecimal('--alpha', flags.alpha),
        rate: parseDecimal('--explore-rate', flags.exploreRate),
      },
    };
    if (flags.plot) assertSvgTarget('--plot', flags.plot);
    const table = await readCsv(flags.csv, { requiredColumns: ['tenure', 'Contract'] });
    for (const problem of table.problems) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }
    const result = await evaluateNextBestAction(table.rows, {
      ...settings,
      lines: table.lines,
    });
    for (const warning of result.warnings) process.stderr.write(`skipped ${warning}\n`);
    if (flags.plot) await writeFile(flags.plot, renderNextBestActionSvg(result));
    const output = { ...result, malformed_rows: table.problems.length };
    printResult(flags, output, () => formatEvaluation(result));
  } catch (error) {
    printError(flags, error);
  }
}

function parseDecimal(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new CrmMlError('cli_invalid_option', `${flag} must be a number, got '${value}'`);
  }
  return number;
}

function formatEvaluation(result: NextBestActionEvaluation): string {
  const { simulation, off_policy: offPolicy } = result;
  const best = Object.entries(result.best_action_counts)
    .map(([action, n]) => `${action} ${n}`)
    .join(', ');
  const policyRows = simulation.policies.map(
    (p) =>
      `${p.name.padEnd(40)} ${p.cumulative_regret.toFixed(1).padStart(9)} ` +
      `${p.average_reward.toFixed(4).padStart(8)} ${p.final_regret_per_round.toFixed(4).padStart(9)}`,
  );
  const offRows = offPolicy.estimates.map(
    (e) =>
      `${e.policy.padEnd(26)} ${e.ips.toFixed(4)} ± ${e.ips_se.toFixed(4)} ` +
      `${e.replay.toFixed(4).padStart(8)} (${String(e.replay_matches).padStart(5)}) ${e.truth.toFixed(4)}`,
  );
  return [
    `${result.customers} customers as contexts (${result.context_columns} encoded columns), ` +
      `${result.skipped_rows} rows skipped; best action per customer: ${best}`,
    `${simulation.rounds} rounds, updates every ${simulation.batch_size}; oracle reward ` +
      `${simulation.oracle_reward.toFixed(4)}, best single action ${simulation.best_single_action}`,
    `${'policy'.padEnd(40)} ${'regret'.padStart(9)} ${'reward'.padStart(8)} ${'last 10 %'.padStart(9)}`,
    ...policyRows,
    `off-policy, ${offPolicy.logged_rounds} uniform rounds (learned on ${offPolicy.learn_rounds}, ` +
      'valued on the rest)',
    `${'policy'.padEnd(26)} IPS ± se          replay (matches) truth`,
    ...offRows,
    crmHistoryLine(result.crm_history),
  ].join('\n');
}

function crmHistoryLine(figures: NextBestActionEvaluation['crm_history']): string {
  const { after_train: train, after_update: update } = figures;
  return [
    `as a CRM plugin, from ${figures.activities} logged activities and ${figures.won_deals} ` +
      'won deals (true success of its picks):',
    `  after training on ${train.events} outcomes  ${train.value.toFixed(4)}`,
    `  after update to ${update.events} outcomes    ${update.value.toFixed(4)} ` +
      `(${update.exploit_value.toFixed(4)} for the ${figures.contacts - update.exploring} ` +
      `exploiting contacts, ${update.exploring} exploring)`,
    `  uniform ${figures.uniform_value.toFixed(4)}, best single action ` +
      `${figures.best_single_value.toFixed(4)}, oracle ${figures.oracle_value.toFixed(4)}`,
  ].join('\n');
}
