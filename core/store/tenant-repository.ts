import type { Kysely } from 'kysely';

import type { Database } from './database-schema.js';

/** One customer of a deployment (a company with its portals and orgs). */
export interface Tenant {
  id: string;
  label: string;
  createdAt: string;
}

/** Which tenant owns a connection, and the HubSpot portal it reads, when known. */
export interface ConnectionOwner {
  connectionId: string;
  tenantId: string;
  hubspotPortalId: number | null;
}

function toOwner(row: {
  connection_id: string;
  tenant_id: string;
  hubspot_portal_id: string | null;
}): ConnectionOwner {
  return {
    connectionId: row.connection_id,
    tenantId: row.tenant_id,
    hubspotPortalId: row.hubspot_portal_id === null ? null : Number(row.hubspot_portal_id),
  };
}

/** Tenants and the connections each one owns: the boundary the API never lets a key cross. */
export class TenantRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** Returns the tenant, creating it on first use. */
  async ensure(id: string, label = id): Promise<Tenant> {
    await this.db
      .insertInto('tenants')
      .values({ id, label, created_at: this.now() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { id: row.id, label: row.label, createdAt: row.created_at };
  }

  /** Records that `tenantId` owns the connection (and the HubSpot portal it reads). */
  async assignConnection(owner: ConnectionOwner): Promise<void> {
    const portal = owner.hubspotPortalId === null ? null : String(owner.hubspotPortalId);
    await this.db
      .insertInto('connection_owners')
      .values({
        connection_id: owner.connectionId,
        tenant_id: owner.tenantId,
        hubspot_portal_id: portal,
      })
      .execute();
  }

  /** The owner of a connection, or null when no tenant owns it (made by the CLI). */
  async ownerOf(connectionId: string): Promise<ConnectionOwner | null> {
    const row = await this.db
      .selectFrom('connection_owners')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return row === undefined ? null : toOwner(row);
  }

  /** The connections a tenant owns, ordered by id. */
  async connectionsOf(tenantId: string): Promise<ConnectionOwner[]> {
    const rows = await this.db
      .selectFrom('connection_owners')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('connection_id')
      .execute();
    return rows.map(toOwner);
  }

  /** The connection reading a HubSpot portal, or null. */
  async connectionForPortal(portalId: number): Promise<ConnectionOwner | null> {
    const row = await this.db
      .selectFrom('connection_owners')
      .selectAll()
      .where('hubspot_portal_id', '=', String(portalId))
      .executeTakeFirst();
    return row === undefined ? null : toOwner(row);
  }

  /** Forgets who owned a connection (after the connection is deleted). */
  async releaseConnection(connectionId: string): Promise<void> {
    await this.db
      .deleteFrom('connection_owners')
      .where('connection_id', '=', connectionId)
      .execute();
  }
}
