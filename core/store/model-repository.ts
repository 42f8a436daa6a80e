import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Json, Metrics, SavedModel } from '../../plugins/plugin.js';
import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import { databaseErrors } from './database-errors.js';
import type { Database, ModelTable } from './database-schema.js';

export interface SaveModelInput {
  connectionId: string;
  pluginId: string;
  saved: SavedModel;
  trainedAt: string;
  /** Canonical JSON of the options the plugin parsed for this training; null when unknown. */
  options?: string | null;
}

/** A stored model without its weights, for listings. */
export interface ModelSummary {
  id: number;
  connectionId: string;
  pluginId: string;
  /** 1, 2, 3… per (connection, plugin), in the order they were saved. */
  version: number;
  trainedAt: string;
  createdAt: string;
  metrics: Metrics;
  /** Canonical JSON of the options it was trained with; null for models saved before 0008. */
  options: string | null;
}

/** A stored model with everything `Plugin.load` needs. */
export interface StoredModel extends ModelSummary {
  saved: SavedModel;
}

// Two PostgreSQL writers may pick the same next version; the unique constraint stops the
// second, which then tries again with the version after.
const SAVE_ATTEMPTS = 3;

type SummaryRow = Pick<
  ModelTable,
  'connection_id' | 'plugin_id' | 'version' | 'metrics' | 'options' | 'trained_at' | 'created_at'
> & { id: number };

function toSummary(row: SummaryRow): ModelSummary {
  return {
    id: row.id,
    connectionId: row.connection_id,
    pluginId: row.plugin_id,
    version: row.version,
    trainedAt: row.trained_at,
    createdAt: row.created_at,
    metrics: decodeJson<Metrics>(row.metrics),
    options: row.options,
  };
}

function toStoredModel(row: SummaryRow & { config: string; weights: string }): StoredModel {
  const summary = toSummary(row);
  const saved: SavedModel = {
    pluginId: row.plugin_id,
    config: decodeJson<Json>(row.config),
    weights: decodeJson<Json>(row.weights),
    metrics: summary.metrics,
  };
  return { ...summary, saved };
}

function assertSavable(input: SaveModelInput): void {
  if (input.saved.pluginId !== input.pluginId) {
    throw new CrmMlError(
      'store_invalid_model',
      `model of plugin ${input.saved.pluginId} cannot be saved under plugin ${input.pluginId}`,
      { details: [{ path: 'saved.pluginId', message: `expected ${input.pluginId}` }] },
    );
  }

  // JSON has no NaN or Infinity; storing them would silently turn them into null.
  for (const [name, value] of Object.entries(input.saved.metrics)) {
    if (!Number.isFinite(value)) {
      throw new CrmMlError('store_invalid_model', `metric ${name} is not a finite number`, {
        details: [{ path: `saved.metrics.${name}`, message: 'must be finite' }],
      });
    }
  }
}

/** Trained models, versioned per (connection, plugin), with config, weights and metrics. */
export class ModelRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** Saves a model as the next version of its (connection, plugin). */
  async save(input: SaveModelInput): Promise<{ id: number; version: number }> {
    assertSavable(input);
    const trainedAt = toIsoTimestamp(input.trainedAt, 'trainedAt');

    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.insertNextVersion(input, trainedAt);
      } catch (error) {
        if (!databaseErrors.isUniqueViolation(error) || attempt >= SAVE_ATTEMPTS) throw error;
      }
    }
  }

  private async insertNextVersion(
    input: SaveModelInput,
    trainedAt: string,
  ): Promise<{ id: number; version: number }> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('models')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('connection_id', '=', input.connectionId)
        .where('plugin_id', '=', input.pluginId)
        .executeTakeFirst();
      const version = Number(current?.version ?? 0) + 1;

      const row = await trx
        .insertInto('models')
        .values({
          connection_id: input.connectionId,
          plugin_id: input.pluginId,
          version,
          config: encodeJson(input.saved.config),
          weights: encodeJson(input.saved.weights),
          metrics: encodeJson(input.saved.metrics),
          options: input.options ?? null,
          trained_at: trainedAt,
          created_at: this.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), version };
    });
  }

  /** The highest version of a (connection, plugin), or null before the first training. */
  async latest(connectionId: string, pluginId: string): Promise<StoredModel | null> {
    const row = await this.db
      .selectFrom('models')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('plugin_id', '=', pluginId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toStoredModel(row);
  }

  async get(id: number): Promise<StoredModel | null> {
    const row = await this.db
      .selectFrom('models')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toStoredModel(row);
  }

  /** Summaries (no weights) by plugin, newest version first. */
  async list(connectionId: string, pluginId?: string): Promise<ModelSummary[]> {
    let query = this.db
      .selectFrom('models')
      .select([
        'id',
        'connection_id',
        'plugin_id',
        'version',
        'metrics',
        'options',
        'trained_at',
        'created_at',
      ])
      .where('connection_id', '=', connectionId);
    if (pluginId !== undefined) query = query.where('plugin_id', '=', pluginId);

    const rows = await query.orderBy('plugin_id').orderBy('version', 'desc').execute();
    return rows.map(toSummary);
  }
}
