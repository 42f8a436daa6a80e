import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Queue } from 'bullmq';

import { TELCO_SEED_PATH } from '../../../connectors/hubspot/sandbox/index.js';
import type { JobKind } from '../../../core/jobs/job.js';
import { STAGE_KINDS, stageJobId, WORKER_QUEUES } from '../../../core/jobs/queue-names.js';
import type { QueueSet } from '../../../core/jobs/queue-set.js';

const WORKER_ENTRY = fileURLToPath(new URL('../../helpers/cli-entry.ts', import.meta.url));

/** A queue prefix no other test run shares. */
export function uniquePrefix(): string {
  return `crm-ml-test-${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Removes every queue under `prefix` from Redis. */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  for (const name of [...WORKER_QUEUES, 'webhook']) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** The first `count` Telco customers as a CSV file of their own. */
export async function telcoSample(count: number): Promise<string> {
  const lines = (await readFile(TELCO_SEED_PATH, 'utf8')).split('\n');
  const directory = await mkdtemp(join(tmpdir(), 'crm-ml-telco-'));
  const path = join(directory, `telco-${count}.csv`);
  await writeFile(path, `${lines.slice(0, count + 1).join('\n')}\n`);
  return path;
}

/** A `crm-ml worker` child process, in a process group of its own so a kill takes it all. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker printed that it is consuming. */
  readonly ready: Promise<void>;
  /** The id it printed once ready (it names its outbox claims and BullMQ jobs). */
  readonly workerId: () => string | undefined;
  /** What it wrote to stderr so far. */
  readonly stderr: () => string;
  /** SIGKILL to the worker and the training children it forked, as a crashed host would. */
  kill(): void;
  /** SIGTERM, then the exit code once it exited. */
  stop(): Promise<number | null>;
}

export function spawnWorker(args: readonly string[], env: NodeJS.ProcessEnv): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY, 'worker', ...args], {
    env: { ...process.env, NODE_TEST_CONTEXT: '', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('worker_id')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
  });
  ready.catch(() => undefined);

  const signal = (name: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is already gone: the worker exited between the check and the signal.
    }
  };
  return {
    child,
    ready,
    stderr: () => stderr,
    workerId: () => /"worker_id":\s*"([^"]+)"/.exec(stdout)?.[1],
    kill: () => signal('SIGKILL'),
    async stop() {
      signal('SIGTERM');
      return exited;
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The stages of run `runId` being worked on right now. */
export async function activeStages(queues: QueueSet, runId: string): Promise<JobKind[]> {
  const active: JobKind[] = [];
  for (const kind of STAGE_KINDS) {
    const job = await queues.queue(kind).getJob(stageJobId(runId, kind));
    if (job && (await job.getState()) === 'active') active.push(kind);
  }
  return active;
}

/** Waits until the run's write-back job reported written records; returns its worker's id. */
export async function writebackUnderWay(
  queues: QueueSet,
  runId: string,
  // A job a killed worker held stays active under its id until BullMQ sees it stalled.
  isLive: (workerId: string) => boolean = () => true,
): Promise<string | undefined> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const job = await queues.queue('writeback').getJob(stageJobId(runId, 'writeback'));
    const progress = job?.progress as { done?: number } | undefined;
    const state = job ? await job.getState() : undefined;
    const holder = job?.processedBy;
    if (state === 'active' && (progress?.done ?? 0) > 0 && holder && isLive(holder)) return holder;
    if (state === 'completed') return undefined;
    await sleep(25);
  }
  throw new Error(`run ${runId} never reached write-back`);
}
