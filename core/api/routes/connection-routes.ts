import { randomBytes } from 'node:crypto';

import { Router } from 'express';

import type { components } from '../../../openapi/crm-ml.js';
import type { Json } from '../../../plugins/plugin.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { checkPluginOptions } from '../../runtime/check-plugin-options.js';
import { assertCrmUrlsAllowed } from '../../security/crm-url-guard.js';
import { sealJson } from '../../security/secret-box.js';
import { databaseErrors } from '../../store/database-errors.js';
import type { Connection, ConnectionOwner } from '../../store/index.js';
import { callerOf, ownedConnection, param, type ApiContext } from '../api-context.js';
import { testConnection } from './test-connection.js';

type ConnectionView = components['schemas']['Connection'];
type ConnectionCreate = components['schemas']['ConnectionCreate'];
type PluginOptions = components['schemas']['PluginOptions'];

function pluginsOf(settings: Json): PluginOptions {
  const plugins = (settings as { plugins?: unknown } | null)?.plugins;
  return typeof plugins === 'object' && plugins !== null ? (plugins as PluginOptions) : {};
}

// Credentials never leave the store: the view names the plugins, not the connector settings.
function toView(connection: Connection, owner: ConnectionOwner): ConnectionView {
  return {
    id: connection.id,
    crm: connection.crm,
    label: connection.label,
    plugins: pluginsOf(connection.settings),
    hubspotPortalId: owner.hubspotPortalId,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}

async function createConnection(context: ApiContext, tenantId: string, body: ConnectionCreate) {
  const { store, connectors, keyring } = context;
  if (!connectors.list().includes(body.crm)) {
    throw new CrmMlError('connector_unknown', `no connector for ${body.crm}`, {
      details: [{ path: 'crm', message: `must be one of ${connectors.list().join(', ')}` }],
    });
  }

  // Building the connector validates its settings now rather than at the first run; its
  // server URLs must be ones a tenant may make this server call with their token.
  const credentials = body.credentials as Json;
  await connectors.create(body.crm, credentials).close?.();
  await assertCrmUrlsAllowed(
    credentials,
    { allowPrivate: context.allowPrivateCrmUrls },
    'credentials',
  );
  checkPluginOptions(context.plugins, body.plugins as Record<string, Record<string, unknown>>);

  const portal = body.hubspotPortalId ?? null;
  const holder = portal === null ? null : await store.tenants.connectionForPortal(portal);
  if (portal !== null && holder !== null) throw portalUnavailable(portal, holder, tenantId);

  await store.tenants.ensure(tenantId);
  const id = `con_${randomBytes(12).toString('base64url')}`;
  const sealed = sealJson(credentials, keyring) as unknown as Json;
  const settings: Json = { connector: sealed, plugins: body.plugins as Json };
  const connection = await store.connections.upsert({
    id,
    crm: body.crm,
    label: body.label,
    settings,
  });
  const owner = { connectionId: id, tenantId, hubspotPortalId: portal };
  try {
    await store.tenants.assignConnection(owner);
  } catch (error) {
    // Another request took the portal since the check above (the portal index is unique).
    if (portal === null || !databaseErrors.isUniqueViolation(error)) throw error;
    await store.connections.remove(id);
    throw portalUnavailable(portal, await store.tenants.connectionForPortal(portal), tenantId);
  }
  // Scheduled now, not at the next worker start.
  await context.schedules?.added(id);
  return toView(connection, owner);
}

/**
 * The 409 for a portal another connection reads. Which tenant connected a portal is theirs
 * alone: the caller's own connection is named, another tenant's answer names no one.
 */
function portalUnavailable(portal: number, holder: ConnectionOwner | null, tenantId: string) {
  if (holder?.tenantId === tenantId) {
    const message = `already read by connection ${holder.connectionId}`;
    return new CrmMlError('conflict', `HubSpot portal ${portal} is ${message}`, {
      details: [{ path: 'hubspotPortalId', message }],
    });
  }
  return new CrmMlError('conflict', 'hubspotPortalId cannot be used for a new connection', {
    details: [{ path: 'hubspotPortalId', message: 'is not available' }],
  });
}

/** Connections of the caller's tenant: create, list, get, test, delete. */
export function connectionRoutes(context: ApiContext): Router {
  const router = Router();
  const { store } = context;

  router.get('/v1/connections', async (_req, res) => {
    const owners = await store.tenants.connectionsOf(callerOf(res).tenantId);
    const connections: ConnectionView[] = [];
    for (const owner of owners) {
      const connection = await store.connections.get(owner.connectionId);
      if (connection) connections.push(toView(connection, owner));
    }
    res.json({ connections });
  });

  router.post('/v1/connections', async (req, res) => {
    const view = await createConnection(context, callerOf(res).tenantId, req.body);
    res.status(201).json(view);
  });

  router.get('/v1/connections/:connectionId', async (req, res) => {
    const { connection, owner } = await ownedConnection(
      context,
      res,
      param(req.params, 'connectionId'),
    );
    res.json(toView(connection, owner));
  });

  router.delete('/v1/connections/:connectionId', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    // A run under way would go on writing to the CRM and leave its records behind.
    const [latest] = await store.runs.list(connection.id, { limit: 1 });
    if (latest?.status === 'running') {
      throw new CrmMlError(
        'run_in_progress',
        `connection ${connection.id} has run ${latest.id} under way; delete it once that run ends`,
      );
    }
    await store.connections.remove(connection.id);
    await store.tenants.releaseConnection(connection.id);
    await context.schedules?.removed(connection.id);
    res.status(204).end();
  });

  router.post('/v1/connections/:connectionId/test', async (req, res) => {
    const { connection } = await ownedConnection(context, res, param(req.params, 'connectionId'));
    res.json(await testConnection(context, connection));
  });

  return router;
}
