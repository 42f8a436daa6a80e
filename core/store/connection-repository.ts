import type { Kysely } from 'kysely';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { Json } from '../../plugins/plugin.js';
import { decodeJson, encodeJson } from './column-codec.js';
import type { ConnectionTable, Database } from './database-schema.js';

/** What a caller gives to create or change a connection. */
export interface ConnectionInput {
  id: string;
  /** Connector id, e.g. `hubspot`. */
  crm: string;
  label: string;
  /** Connector settings; secrets must be encrypted before they get here. */
  settings: Json;
}

/** One CRM account crm-ml is connected to. */
export interface Connection extends ConnectionInput {
  createdAt: string;
  updatedAt: string;
}

// Every table that holds per-connection data, emptied when the connection goes.
const CONNECTION_DATA_TABLES = [
  'records',
  'cursors',
  'models',
  'scores',
  'outbox',
  'writeback_state',
  'runs',
] as const;

function toConnection(row: ConnectionTable): Connection {
  return {
    id: row.id,
    crm: row.crm,
    label: row.label,
    settings: decodeJson<Json>(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Connections: the CRM accounts everything else in the store hangs off. */
export class ConnectionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** Creates the connection or replaces its crm, label and settings. */
  async upsert(input: ConnectionInput): Promise<Connection> {
    if (input.id.trim() === '') {
      throw new CrmMlError('store_invalid_connection', 'a connection id must not be empty', {
        details: [{ path: 'id', message: 'must not be empty' }],
      });
    }

    const now = this.now();
    const changes = { crm: input.crm, label: input.label, settings: encodeJson(input.settings) };
    const row = await this.db
      .insertInto('connections')
      .values({ id: input.id, ...changes, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, updated_at: now }))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConnection(row);
  }

  async get(id: string): Promise<Connection | null> {
    const row = await this.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toConnection(row);
  }

  /** Every connection, ordered by id. */
  async list(): Promise<Connection[]> {
    const rows = await this.db.selectFrom('connections').selectAll().orderBy('id').execute();
    return rows.map(toConnection);
  }

  /** Deletes the connection with all its records, models, scores, outbox and runs. */
  async remove(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      for (const table of CONNECTION_DATA_TABLES) {
        await trx.deleteFrom(table).where('connection_id', '=', id).execute();
      }
      const result = await trx.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }
}
