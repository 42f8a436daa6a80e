import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { PropertyValue } from '../records/crm-record.js';
import { chunk, rowsPerStatement } from './chunk.js';
import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import type { Database, ScoreTable } from './database-schema.js';

/** One score to store. */
export interface ScoreInput {
  recordId: string;
  score: number;
  /** The field values the plugin computed for write-back. */
  values: Record<string, PropertyValue>;
  scoredAt: string;
}

export interface StoredScore extends ScoreInput {
  modelId: number;
  connectionId: string;
  pluginId: string;
}

const SCORE_ROWS_PER_STATEMENT = rowsPerStatement(7);

function toStoredScore(row: ScoreTable): StoredScore {
  return {
    modelId: Number(row.model_id),
    connectionId: row.connection_id,
    pluginId: row.plugin_id,
    recordId: row.record_id,
    score: row.score,
    values: decodeJson<Record<string, PropertyValue>>(row.field_values),
    scoredAt: row.scored_at,
  };
}

function toRow(
  scope: Pick<ScoreTable, 'model_id' | 'connection_id' | 'plugin_id'>,
  input: ScoreInput,
  index: number,
): ScoreTable {
  // SQLite would store NaN as NULL and PostgreSQL keeps it: refuse it on both.
  if (!Number.isFinite(input.score)) {
    const path = `scores[${index}].score`;
    throw new CrmMlError('store_invalid_score', `${path} is not a finite number`, {
      details: [{ path, message: 'must be finite' }],
    });
  }
  return {
    ...scope,
    record_id: input.recordId,
    score: input.score,
    field_values: encodeJson(input.values),
    scored_at: toIsoTimestamp(input.scoredAt, `scores[${index}].scoredAt`),
  };
}

/**
 * Scores, one per (model, record): scoring a record again with the same model replaces its
 * score, so the table grows with models, not with scoring runs.
 */
export class ScoreRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores scores in one transaction, split into statements under the parameter limits. */
  async saveMany(
    modelId: number,
    connectionId: string,
    pluginId: string,
    scores: readonly ScoreInput[],
  ): Promise<number> {
    const scope = { model_id: modelId, connection_id: connectionId, plugin_id: pluginId };
    const byRecord = new Map<string, ScoreTable>();
    scores.forEach((input, index) => byRecord.set(input.recordId, toRow(scope, input, index)));
    const rows = [...byRecord.values()];

    await this.db.transaction().execute(async (trx) => {
      for (const slice of chunk(rows, SCORE_ROWS_PER_STATEMENT)) {
        await trx
          .insertInto('scores')
          .values(slice)
          .onConflict((oc) =>
            oc.columns(['model_id', 'record_id']).doUpdateSet((eb) => ({
              score: eb.ref('excluded.score'),
              field_values: eb.ref('excluded.field_values'),
              scored_at: eb.ref('excluded.scored_at'),
            })),
          )
          .execute();
      }
    });
    return rows.length;
  }

  /** The most recent score of a record by any model of the plugin, or null. */
  async latest(
    connectionId: string,
    pluginId: string,
    recordId: string,
  ): Promise<StoredScore | null> {
    const row = await this.db
      .selectFrom('scores')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('plugin_id', '=', pluginId)
      .where('record_id', '=', recordId)
      .orderBy('scored_at', 'desc')
      .orderBy('model_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toStoredScore(row);
  }

  async countForModel(modelId: number): Promise<number> {
    const row = await this.db
      .selectFrom('scores')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('model_id', '=', modelId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
