import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Json } from '../../plugins/plugin.js';
import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import type { Database, RunTable } from './database-schema.js';

/** `paused`: the CRM's API budget ran out; the summary says when the next run may go on. */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'paused';

export interface RunStart {
  connectionId: string;
  /** What the run does, e.g. `sync`, `train`, `score`, `writeback`. */
  kind: string;
  startedAt: string;
  /** The run's own id (a queued run's id); starting a run with a known id returns its row. */
  runId?: string;
}

export interface RunFinish {
  status: Exclude<RunStatus, 'running'>;
  /** Counts, durations, the error: whatever an operator wants to see afterwards. */
  summary: Json;
  finishedAt: string;
}

/** One sync, training, scoring or write-back run of a connection. */
export interface Run {
  id: number;
  connectionId: string;
  kind: string;
  status: RunStatus;
  /** The id `crm-ml run` printed and webhooks carry; null for runs recorded without one. */
  runId: string | null;
  summary: Json | null;
  startedAt: string;
  finishedAt: string | null;
}

function toRun(row: Omit<RunTable, 'id'> & { id: number }): Run {
  return {
    id: Number(row.id),
    connectionId: row.connection_id,
    kind: row.kind,
    status: row.status as RunStatus,
    runId: row.run_id,
    summary: row.summary === null ? null : decodeJson<Json>(row.summary),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** The history of runs per connection. */
export class RunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records a run as `running` and returns its row id. A run id already recorded returns that
   * row, so a run resumed by another worker keeps one row instead of leaving one `running`.
   */
  async start(input: RunStart): Promise<number> {
    const row = await this.db
      .insertInto('runs')
      .values({
        connection_id: input.connectionId,
        kind: input.kind,
        status: 'running',
        summary: null,
        started_at: toIsoTimestamp(input.startedAt, 'startedAt'),
        finished_at: null,
        run_id: input.runId ?? null,
      })
      .onConflict((oc) => oc.column('run_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row !== undefined) return Number(row.id);

    const known = await this.db
      .selectFrom('runs')
      .select('id')
      .where('run_id', '=', input.runId ?? '')
      .executeTakeFirstOrThrow();
    return Number(known.id);
  }

  /** Closes a running run; finishing an unknown or already finished run is an error. */
  async finish(id: number, outcome: RunFinish): Promise<void> {
    const result = await this.db
      .updateTable('runs')
      .set({
        status: outcome.status,
        summary: encodeJson(outcome.summary),
        finished_at: toIsoTimestamp(outcome.finishedAt, 'finishedAt'),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) return;

    const exists = await this.db
      .selectFrom('runs')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    throw exists === undefined
      ? new CrmMlError('store_run_not_found', `run ${id} does not exist`)
      : new CrmMlError('store_run_finished', `run ${id} has already finished`);
  }

  /** The latest runs first. */
  async list(connectionId: string, options: { limit: number }): Promise<Run[]> {
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(toRun);
  }

  /** Every connection id with a run, also those without a connection row (`crm-ml run`). */
  async connectionIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('runs')
      .select('connection_id')
      .distinct()
      .orderBy('connection_id')
      .execute();
    return rows.map((row) => row.connection_id);
  }

  /** The most recently started run, or null. */
  async last(connectionId: string): Promise<Run | null> {
    const [run] = await this.list(connectionId, { limit: 1 });
    return run ?? null;
  }
}
