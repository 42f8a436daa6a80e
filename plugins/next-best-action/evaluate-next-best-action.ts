import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { evaluateCrmHistory, type CrmHistoryFigures } from './evaluate-crm-history.js';
import { parseNextBestActionOptions } from './next-best-action-options.js';
import { offPolicyEstimate, type OffPolicyResult } from './off-policy-estimate.js';
import {
  customerTraits,
  responseRates,
  SIMULATED_ACTIONS,
  type CustomerTraits,
} from './simulated-responses.js';
import { simulatePolicies, type SimulationResult } from './simulate-policies.js';

/** Settings of one offline evaluation. */
export interface EvaluateNextBestActionOptions {
  seed: number;
  /** Online rounds each policy plays. */
  rounds?: number;
  /** Rounds between model updates. */
  batchSize?: number;
  /** Rounds of uniform logs for the off-policy estimate. */
  logRounds?: number;
  /** Columns the learner never sees (ids, labels). */
  exclude?: readonly string[];
  /** The plugin's `exploration` option; its defaults when absent. */
  exploration?: Record<string, unknown>;
  /** File line of each row, for messages. */
  lines?: readonly number[];
}

/** The whole evaluation: the simulated book, the online run and the off-policy check. */
export interface NextBestActionEvaluation {
  customers: number;
  skipped_rows: number;
  actions: string[];
  /** How many customers each action is truly best for. */
  best_action_counts: Record<string, number>;
  context_columns: number;
  simulation: SimulationResult;
  off_policy: OffPolicyResult;
  /** The plugin trained and updated from simulated CRM activities and deals. */
  crm_history: CrmHistoryFigures;
  warnings: string[];
}

const EPSILON = 0.1;

/**
 * Evaluates next-best-action offline on real customers (rows of the Telco churn table): the
 * contexts are their properties, the outcomes come from the fixed response function of
 * `simulated-responses.ts` that the learner never sees. Reports regret and reward of the
 * plugin's policy beside baselines in one run, IPS/replay estimates from uniform logs, and
 * the plugin itself trained and updated from the same truth logged as CRM activities.
 */
export async function evaluateNextBestAction(
  rows: readonly Readonly<Record<string, string>>[],
  options: EvaluateNextBestActionOptions,
): Promise<NextBestActionEvaluation> {
  const parsed = parseNextBestActionOptions({
    actions: SIMULATED_ACTIONS,
    ...(options.exploration === undefined ? {} : { exploration: options.exploration }),
  });
  const warnings: string[] = [];
  const kept: { row: Readonly<Record<string, string>>; traits: CustomerTraits }[] = [];
  rows.forEach((row, i) => {
    try {
      kept.push({ row, traits: customerTraits(row, options.lines?.[i] ?? i + 2) });
    } catch (error) {
      if (!(error instanceof CrmMlError)) throw error;
      if (warnings.length < 5) warnings.push(error.message);
    }
  });
  if (kept.length < 2) {
    throw new CrmMlError(
      'next_best_action_simulator_no_customers',
      `${kept.length} rows can drive the simulator; it needs the Telco columns on at least 2`,
    );
  }

  const pipeline = FeaturePipeline.fit(
    kept.map((k) => k.row),
    { exclude: options.exclude ?? [] },
  );
  const { matrix } = pipeline.transform(kept.map((k) => k.row));
  const contexts = kept.map((_, i) => matrix.data.slice(i * matrix.cols, (i + 1) * matrix.cols));
  const rates = kept.map((k) => responseRates(k.traits));
  const world = { actions: SIMULATED_ACTIONS, contexts, rates };

  const simulation = simulatePolicies(world, {
    rounds: options.rounds ?? 20_000,
    batchSize: options.batchSize ?? 100,
    seed: options.seed,
    priorStrength: parsed.priorStrength,
    exploration: parsed.exploration,
    epsilon: EPSILON,
    curvePoints: 50,
  });
  const offPolicy = offPolicyEstimate(
    world,
    options.logRounds ?? 20_000,
    options.seed,
    parsed.priorStrength,
  );
  const contacts: CrmRecord[] = kept.map((k, i) => ({
    id: `customer-${i + 1}`,
    objectType: 'contacts',
    properties: { ...k.row },
    updatedAt: '2025-01-01T00:00:00.000Z',
    archived: false,
  }));
  const crmHistory = await evaluateCrmHistory(contacts, SIMULATED_ACTIONS, rates, {
    seed: options.seed,
    exclude: options.exclude ?? [],
    exploration: parsed.exploration,
  });
  return {
    customers: kept.length,
    skipped_rows: rows.length - kept.length,
    actions: [...SIMULATED_ACTIONS],
    best_action_counts: bestActionCounts(rates),
    context_columns: matrix.cols,
    simulation,
    off_policy: offPolicy,
    crm_history: crmHistory,
    warnings,
  };
}

function bestActionCounts(rates: readonly number[][]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(SIMULATED_ACTIONS.map((a) => [a, 0]));
  for (const row of rates) {
    const best = SIMULATED_ACTIONS[row.indexOf(Math.max(...row))] ?? '';
    counts[best] = (counts[best] ?? 0) + 1;
  }
  return counts;
}
