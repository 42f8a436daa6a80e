import type { Kysely } from 'kysely';

import type { ApiScope } from '../security/api-scope.js';
import type { ApiKeyTable, Database } from './database-schema.js';

/** What is stored about an API key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  scope: ApiScope;
  hash: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyInput {
  id: string;
  tenantId: string;
  scope: ApiScope;
  hash: string;
  label: string;
}

function toRecord(row: ApiKeyTable): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    scope: row.scope as ApiScope,
    hash: row.hash,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** API keys by tenant, stored hashed. */
export class ApiKeyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  async create(input: ApiKeyInput): Promise<ApiKeyRecord> {
    const row = await this.db
      .insertInto('api_keys')
      .values({
        id: input.id,
        tenant_id: input.tenantId,
        scope: input.scope,
        hash: input.hash,
        label: input.label,
        created_at: this.now(),
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  /** Every key, or a tenant's keys, oldest first. */
  async list(tenantId?: string): Promise<ApiKeyRecord[]> {
    let query = this.db.selectFrom('api_keys').selectAll();
    if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Revokes a key; false when there is no such live key. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Notes when a key was last used, for operators deciding which keys to retire. */
  async touch(id: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: this.now() })
      .where('id', '=', id)
      .execute();
  }
}
