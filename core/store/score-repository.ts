import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { PropertyValue } from '../records/crm-record.js';
import { BulkStatements, type BulkInsert } from './bulk-statement.js';
import { rowsPerStatement } from './chunk.js';
import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import type { Database, ScoreTable } from './database-schema.js';
import { analyzeAfterGrowth } from './planner-statistics.js';

/** One score to store. */
export interface ScoreInput {
  recordId: string;
  score: number;
  /** The field values the plugin computed for write-back. */
  values: Record<string, PropertyValue>;
  scoredAt: string;
}

/** Scores of distinct records in parallel lists, each record's field values as JSON text. */
export interface EncodedScoreRows {
  recordIds: readonly string[];
  scores: ArrayLike<number>;
  values: readonly string[];
}

export interface StoredScore extends ScoreInput {
  modelId: number;
  connectionId: string;
  pluginId: string;
}

const SCORE_INSERT: BulkInsert = {
  table: 'scores',
  columns: [
    'model_id',
    'connection_id',
    'plugin_id',
    'record_id',
    'score',
    'field_values',
    'scored_at',
  ],
  suffix:
    'on conflict ("model_id", "record_id") do update set "score" = excluded."score", ' +
    '"field_values" = excluded."field_values", "scored_at" = excluded."scored_at"',
};
const SCORE_ROWS_PER_STATEMENT = rowsPerStatement(SCORE_INSERT.columns.length);

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

function assertFinite(score: number, index: number): void {
  // SQLite would store NaN as NULL and PostgreSQL keeps it: refuse it on both.
  if (!Number.isFinite(score)) {
    const path = `scores[${index}].score`;
    throw new CrmMlError('store_invalid_score', `${path} is not a finite number`, {
      details: [{ path, message: 'must be finite' }],
    });
  }
}

/**
 * Scores, one per (model, record): scoring a record again with the same model replaces its
 * score, so the table grows with models, not with scoring runs.
 */
export class ScoreRepository {
  private readonly bulk: BulkStatements;

  constructor(private readonly db: Kysely<Database>) {
    this.bulk = new BulkStatements(db);
  }

  /**
   * Stores scores in one transaction, as multi-row statements under the parameter limits.
   * A record listed twice keeps its last score.
   */
  async saveMany(
    modelId: number,
    connectionId: string,
    pluginId: string,
    scores: readonly ScoreInput[],
  ): Promise<number> {
    // A batch shares one timestamp as a rule: each distinct one is normalised once.
    const timestamps = new Map<string, string>();
    const scoredAts: string[] = [];
    const byRecord = new Map<string, number>();
    scores.forEach((input, index) => {
      assertFinite(input.score, index);
      let scoredAt = timestamps.get(input.scoredAt);
      if (scoredAt === undefined) {
        scoredAt = toIsoTimestamp(input.scoredAt, `scores[${index}].scoredAt`);
        timestamps.set(input.scoredAt, scoredAt);
      }
      scoredAts.push(scoredAt);
      byRecord.set(input.recordId, index);
    });

    const parameters: unknown[] = [];
    for (const index of byRecord.values()) {
      const input = scores[index] as ScoreInput;
      const values = encodeJson(input.values);
      parameters.push(modelId, connectionId, pluginId, input.recordId, input.score, values);
      parameters.push(scoredAts[index]);
    }
    await this.insertRows(parameters);
    return byRecord.size;
  }

  /**
   * `saveMany` for a scored batch whose values are JSON text already and which shares one
   * `scoredAt`: the scoring path, which stores each value once here and once in the outbox.
   * Ids must be distinct (a model scores each record once).
   */
  async saveEncoded(
    modelId: number,
    connectionId: string,
    pluginId: string,
    batch: EncodedScoreRows,
    scoredAt: string,
  ): Promise<number> {
    const at = toIsoTimestamp(scoredAt, 'scoredAt');
    const { recordIds, scores, values } = batch;
    const parameters = new Array<unknown>(recordIds.length * SCORE_INSERT.columns.length);
    let p = 0;
    for (let i = 0; i < recordIds.length; i++) {
      const score = scores[i] as number;
      assertFinite(score, i);
      parameters[p++] = modelId;
      parameters[p++] = connectionId;
      parameters[p++] = pluginId;
      parameters[p++] = recordIds[i];
      parameters[p++] = score;
      parameters[p++] = values[i];
      parameters[p++] = at;
    }
    await this.insertRows(parameters);
    return recordIds.length;
  }

  private async insertRows(parameters: unknown[]): Promise<void> {
    const width = SCORE_INSERT.columns.length;
    const perStatement = SCORE_ROWS_PER_STATEMENT * width;
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < parameters.length; start += perStatement) {
        const slice =
          parameters.length <= perStatement
            ? parameters
            : parameters.slice(start, start + perStatement);
        await this.bulk.insert(trx, SCORE_INSERT, slice.length / width, slice);
      }
    });
    await analyzeAfterGrowth(this.db, 'scores', parameters.length / width);
  }

  /**
   * The most recent score of a record by any model of the plugin, or null. Found through the
   * plugin's models, a primary-key lookup each: scoring writes no other index of scores.
   */
  async latest(
    connectionId: string,
    pluginId: string,
    recordId: string,
  ): Promise<StoredScore | null> {
    const row = await this.db
      .selectFrom('scores')
      .selectAll()
      .where('model_id', 'in', this.modelsOf(connectionId, pluginId))
      .where('record_id', '=', recordId)
      .orderBy('scored_at', 'desc')
      .orderBy('model_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toStoredScore(row);
  }

  /**
   * Forgets every score of a plugin on a connection. Scoring then counts its model as not
   * having scored anyone and scores every record again, also in a later run if this one
   * stops first. Returns the scores removed.
   */
  async forgetPlugin(connectionId: string, pluginId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('scores')
      .where('model_id', 'in', this.modelsOf(connectionId, pluginId))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private modelsOf(connectionId: string, pluginId: string) {
    return this.db
      .selectFrom('models')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('plugin_id', '=', pluginId);
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
