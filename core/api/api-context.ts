import type { Response } from 'express';

import type { ConnectorRegistry } from '../../connectors/registry.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import type { EncryptionKeyring } from '../security/encryption-keyring.js';
import type { Connection, ConnectionOwner, Store } from '../store/index.js';
import type { Caller } from './authenticate.js';
import type { ConnectionScheduler } from '../jobs/connection-schedules.js';
import type { RunStarter } from './run-starter.js';
import type { WebhookService } from './webhook-service.js';

/** Everything the route handlers use; built once by `createApiApp`. */
export interface ApiContext {
  store: Store;
  connectors: ConnectorRegistry;
  /** The plugins runs can use: a connection's plugin settings are checked against them. */
  plugins: PluginRegistry;
  /** Let connections name loopback and private CRM hosts (`CRM_ML_CRM_ALLOW_PRIVATE`). */
  allowPrivateCrmUrls: boolean;
  runs: RunStarter;
  /** Schedules a connection's runs when it is created, and stops them when it is deleted. */
  schedules: ConnectionScheduler | undefined;
  keyring: EncryptionKeyring;
  webhooks: WebhookService | undefined;
  /** HubSpot app client secret and the public URL HubSpot calls, for the CRM card. */
  hubspotCard: { clientSecret: string; publicUrl?: string } | undefined;
  version: string;
}

/** The authenticated caller of a route that needs an API key. */
export function callerOf(res: Response): Caller {
  const caller = res.locals['caller'] as Caller | undefined;
  if (!caller) throw new CrmMlError('unauthorized', 'this route needs an API key');
  return caller;
}

/**
 * The connection when the caller's tenant owns it. Another tenant's connection answers exactly
 * like a missing one, so keys cannot even learn which ids exist elsewhere.
 */
export async function ownedConnection(
  context: ApiContext,
  res: Response,
  connectionId: string,
): Promise<{ connection: Connection; owner: ConnectionOwner }> {
  const caller = callerOf(res);
  const owner = await context.store.tenants.ownerOf(connectionId);
  const connection =
    owner?.tenantId === caller.tenantId ? await context.store.connections.get(connectionId) : null;
  if (!owner || !connection) {
    throw new CrmMlError('connection_not_found', `no connection ${connectionId}`);
  }
  return { connection, owner };
}

/** A path parameter as the router matched it. */
export function param(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}
