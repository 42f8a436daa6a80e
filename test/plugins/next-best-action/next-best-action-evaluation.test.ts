import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { Command } from 'commander';

import * as evalCommand from '../../../core/cli/commands/eval-next-best-action-command.js';
import { SeededRandom } from '../../../core/ml/random.js';
import {
  offPolicyEstimate,
  parseNextBestActionOptions,
  simulatePolicies,
  type BanditWorld,
} from '../../../plugins/next-best-action/index.js';
import { readTelcoRows } from '../churn/telco-fixture.js';

/** Runs `eval next-best-action ARGS` in this process and collects what it printed. */
async function runEval(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command().exitOverride();
  evalCommand.registerEvalNextBestActionCommand(program.command('eval'));
  const out: string[] = [];
  const err: string[] = [];
  const { write: stdoutWrite } = process.stdout;
  const { write: stderrWrite } = process.stderr;
  // The command writes text; the test runner's own reports go on as they are (buffers).
  const capture = (stream: NodeJS.WriteStream, lines: string[], original: typeof stdoutWrite) =>
    ((chunk: unknown, ...rest: unknown[]) =>
      typeof chunk === 'string'
        ? lines.push(chunk) > 0
        : original.call(stream, chunk as Uint8Array, ...(rest as []))) as typeof stdoutWrite;
  process.stdout.write = capture(process.stdout, out, stdoutWrite);
  process.stderr.write = capture(process.stderr, err, stderrWrite);
  try {
    await program.parseAsync(['node', 'crm-ml', 'eval', 'next-best-action', ...args]);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('crm-ml eval next-best-action', () => {
  let folder = '';
  let csv = '';
  const exitCode = process.exitCode;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'crm-ml-nba-'));
    // 240 real Telco customers (the repo's copy) and one whose tenure nobody can read.
    const rows = readTelcoRows().slice(0, 240);
    rows.splice(3, 0, { ...rows[0], customerID: 'late-1', tenure: 'soon' });
    const columns = Object.keys(rows[0] ?? {});
    const quote = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const lines = rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','));
    csv = join(folder, 'customers.csv');
    await writeFile(csv, [columns.join(','), ...lines].join('\n'));
  });
  after(async () => {
    process.exitCode = exitCode;
    await rm(folder, { recursive: true, force: true });
  });

  it('prints regret and reward beside the baselines and the off-policy check, and draws it', async () => {
    const plot = join(folder, 'regret.svg');
    const args = ['--csv', csv, '--rounds', '1500', '--log-rounds', '1500', '--plot', plot];
    const { stdout, stderr } = await runEval([...args, '--json']);
    const result = JSON.parse(stdout) as {
      customers: number;
      skipped_rows: number;
      simulation: { policies: { name: string; cumulative_regret: number }[] };
      off_policy: { estimates: { policy: string; ips: number; truth: number }[] };
      crm_history: {
        after_train: { events: number; value: number };
        after_update: { events: number; value: number };
        uniform_value: number;
      };
    };

    assert.equal(result.customers, 240);
    assert.equal(result.skipped_rows, 1);
    assert.match(stderr, /skipped Row 5 cannot drive the simulator: tenure or MonthlyCharges/);
    const regret = Object.fromEntries(
      result.simulation.policies.map((p) => [p.name.split(' (')[0], p.cumulative_regret]),
    );
    assert.deepEqual(Object.keys(regret), [
      'next-best-action',
      'LinUCB on every pick',
      'Thompson on every pick',
      'epsilon-greedy',
      'uniform random',
      'always meeting',
    ]);
    // 1,500 rounds on 240 customers is a short run: well below random, not yet near the oracle.
    assert.ok(regret['next-best-action']! < 0.75 * regret['uniform random']!);
    assert.equal(result.off_policy.estimates.length, 7);
    // The plugin itself, trained from the truth logged as CRM activities and deals.
    const { after_train: trained, after_update: updated, uniform_value } = result.crm_history;
    assert.ok(trained.value > uniform_value + 0.03, JSON.stringify(result.crm_history));
    assert.ok(updated.events > trained.events);

    const svg = await readFile(plot, 'utf8');
    assert.match(svg, /^<svg /);
    assert.equal(svg.match(/<polyline /g)?.length, 6);

    const human = await runEval(args.slice(0, 6));
    assert.match(human.stdout, /^240 customers as contexts/);
    assert.match(human.stdout, /\nnext-best-action \(10 % explore by LinUCB\) +\d+\.\d /);
    assert.match(human.stdout, /\nlearned greedy policy +0\.\d{4} ± 0\.\d{4}/);
    assert.match(human.stdout, /\n {2}after update to \d+ outcomes +0\.\d{4} /);
  });

  it('refuses an exploration rate above 1 and a file without the Telco columns', async () => {
    const rate = await runEval(['--csv', csv, '--explore-rate', '2', '--json']);
    const rateError = JSON.parse(rate.stdout) as { error: { code: string; message: string } };
    assert.equal(rateError.error.code, 'next_best_action_options_invalid');
    assert.match(rateError.error.message, /'exploration\.rate'/);

    const other = join(folder, 'other.csv');
    await writeFile(other, 'id,tenure,Contract\n1,3,Month-to-month\n2,40,Two year\n');
    const columns = await runEval(['--csv', other, '--json']);
    const columnsError = JSON.parse(columns.stdout) as { error: { code: string; message: string } };
    assert.equal(columnsError.error.code, 'next_best_action_simulator_no_customers');
    process.exitCode = exitCode;
  });
});

/**
 * A tiny book: 40 customers with a 0/1 group flag and a noise column. Group 1 answers the
 * first action (70 %), group 0 the second (60 %); the third is 30 % for all. No single action
 * is right for everyone, so only a policy that reads the context can get near the oracle.
 */
function tinyWorld(): BanditWorld {
  const random = new SeededRandom(3);
  const contexts: Float64Array[] = [];
  const rates: number[][] = [];
  for (let i = 0; i < 40; i += 1) {
    const group = i % 2;
    contexts.push(Float64Array.from([group, random.next() - 0.5]));
    rates.push(group === 1 ? [0.7, 0.1, 0.3] : [0.1, 0.6, 0.3]);
  }
  return { actions: ['meeting', 'email', 'call'], contexts, rates };
}

const exploration = parseNextBestActionOptions({}).exploration;
const settings = {
  rounds: 3000,
  batchSize: 20,
  seed: 42,
  priorStrength: 1,
  exploration,
  epsilon: 0.1,
  curvePoints: 10,
};

describe('next-best-action bandit on a simulated book', () => {
  it('beats uniform random and the best single action by a clear margin', () => {
    const result = simulatePolicies(tinyWorld(), settings);
    const [ours, linucb, thompson, epsilon, uniform, single] = result.policies;
    assert.ok(ours && linucb && thompson && epsilon && uniform && single);
    assert.match(ours.name, /^next-best-action \(10 % explore by LinUCB\)$/);
    assert.match(single.name, /best in hindsight/);

    // The oracle gets 0.65 a round, uniform about 0.35: a learner should close most of it.
    assert.ok(ours.expected_reward > uniform.expected_reward + 0.2, JSON.stringify(ours));
    assert.ok(ours.cumulative_regret < 0.2 * uniform.cumulative_regret);
    assert.ok(ours.cumulative_regret < 0.5 * single.cumulative_regret);
    for (const learner of [linucb, thompson, epsilon]) {
      assert.ok(learner.cumulative_regret < 0.5 * uniform.cumulative_regret, learner.name);
    }
    assert.ok(ours.final_regret_per_round < 0.05, 'little regret is left at the end');
    assert.equal(ours.curve.length, 11);
    assert.deepEqual(ours.curve[0], [0, 0]);
  });

  it('gives the same figures for the same seed', () => {
    assert.deepEqual(
      simulatePolicies(tinyWorld(), settings),
      simulatePolicies(tinyWorld(), settings),
    );
  });

  it('estimates policy values from uniform logs close to the truth', () => {
    const { estimates } = offPolicyEstimate(tinyWorld(), 6000, 42, 1);
    const learned = estimates.find((e) => e.policy === 'learned greedy policy');
    assert.ok(learned && learned.truth > 0.6, 'the greedy policy learned from logs is good');
    for (const estimate of estimates) {
      // Within four standard errors: a real check of IPS, not a tautology, yet never flaky.
      assert.ok(
        Math.abs(estimate.ips - estimate.truth) < 4 * estimate.ips_se + 1e-9,
        `${estimate.policy}: IPS ${estimate.ips} vs truth ${estimate.truth} (se ${estimate.ips_se})`,
      );
    }
  });
});
