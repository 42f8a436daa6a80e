import { parseArgs } from 'node:util';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

/** The bench's stages, in the order they run. */
export const STAGES = ['sync', 'features', 'train', 'score', 'writeback', 'rescore'] as const;
export type Stage = (typeof STAGES)[number];

export interface BenchOptions {
  customers: number;
  json: boolean;
  stages: ReadonlySet<Stage>;
  /** Sandbox calls allowed per window; HubSpot's private-app limit is 190 per 10 s. */
  ceiling: number;
  /** The rolling window the ceiling counts over, in seconds; default 10 as HubSpot's. */
  windowSeconds: number;
  /** Customers the churn model trains on (an even sample of the store). */
  trainSample: number;
  /** Records of the per-record predict loop (the scoring baseline). */
  baselineRecords: number;
  /** How long the one-record-per-call write-back baseline runs. */
  naiveSeconds: number;
  /** Scoring threads beside the main thread; absent means the pipeline's default. */
  scoreThreads?: number;
  /** A PostgreSQL database to keep the store in (a schema of its own); SQLite when absent. */
  databaseUrl?: string;
  seed: number;
}

// What each stage needs before it: scoring needs a model, write-back needs queued scores.
const NEEDS: Readonly<Record<Stage, readonly Stage[]>> = {
  sync: [],
  features: ['sync'],
  train: ['sync'],
  score: ['sync', 'train'],
  writeback: ['sync', 'train', 'score'],
  rescore: ['sync', 'train', 'score', 'writeback'],
};

/** Parses `--customers N --json --stages a,b --ceiling N …`; unknown flags throw. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseFlags(argv);

  return {
    customers: positiveInteger(values.customers, 'customers'),
    json: values.json,
    stages: withNeeds(values.stages),
    ceiling: positiveInteger(values.ceiling, 'ceiling'),
    windowSeconds: positiveInteger(values['window-seconds'], 'window-seconds'),
    trainSample: positiveInteger(values['train-sample'], 'train-sample'),
    baselineRecords: positiveInteger(values['baseline-records'], 'baseline-records'),
    naiveSeconds: Number(values['naive-seconds']),
    ...(values['score-threads'] === undefined
      ? {}
      : { scoreThreads: countOf(values['score-threads'], 'score-threads') }),
    ...(values['database-url'] === undefined
      ? {}
      : { databaseUrl: postgresUrl(values['database-url']) }),
    seed: positiveInteger(values.seed, 'seed'),
  };
}

function withNeeds(list: string): ReadonlySet<Stage> {
  const stages = new Set<Stage>();
  for (const name of list.split(',').map((part) => part.trim())) {
    if (!(STAGES as readonly string[]).includes(name)) {
      throw invalidOption(`Unknown stage '${name}'; stages are ${STAGES.join(', ')}`);
    }
    const stage = name as Stage;
    for (const need of NEEDS[stage]) stages.add(need);
    stages.add(stage);
  }
  return stages;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw invalidOption(`--${flag} must be a positive integer, got '${text}'`);
  }
  return value;
}

function countOf(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw invalidOption(`--${flag} must be a whole number, 0 or more, got '${text}'`);
  }
  return value;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        customers: { type: 'string', default: '100000' },
        json: { type: 'boolean', default: false },
        stages: { type: 'string', default: STAGES.join(',') },
        ceiling: { type: 'string', default: '190' },
        'window-seconds': { type: 'string', default: '10' },
        'train-sample': { type: 'string', default: '20000' },
        'baseline-records': { type: 'string', default: '2000' },
        'naive-seconds': { type: 'string', default: '15' },
        'score-threads': { type: 'string' },
        'database-url': { type: 'string' },
        seed: { type: 'string', default: '42' },
      },
    });
  } catch (error) {
    // node:util's own messages are clear; they only lack our code.
    throw invalidOption(error instanceof Error ? error.message : String(error));
  }
}

function invalidOption(message: string): CrmMlError {
  return new CrmMlError('bench_invalid_option', message);
}

function postgresUrl(text: string): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : '';
  if (protocol === 'postgres:' || protocol === 'postgresql:') return text;
  throw invalidOption(`--database-url must be postgres://…, got '${text}'`);
}
