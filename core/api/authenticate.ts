import type { RequestHandler } from 'express';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { ApiScope } from '../security/api-scope.js';
import { scopeAllows } from '../security/api-scope.js';
import { apiKeyIdOf, apiKeyMatches } from '../security/api-key-token.js';
import type { Store } from '../store/index.js';
import type { SpecRoute } from './spec-routes.js';

/** Who is calling, once authenticated; handlers read it from `res.locals.caller`. */
export interface Caller {
  keyId: string;
  tenantId: string;
  scope: ApiScope;
}

// last_used_at is for operators, so minute precision is enough and saves a write per request.
const TOUCH_INTERVAL_MS = 60_000;

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

async function callerFor(store: Store, token: string): Promise<Caller> {
  const invalid = new CrmMlError('unauthorized', 'the API key is not valid');
  const id = apiKeyIdOf(token);
  if (id === undefined) throw invalid;

  const key = await store.apiKeys.get(id);
  if (!key || key.revokedAt !== null || !apiKeyMatches(token, key.hash)) throw invalid;

  const lastUsed = key.lastUsedAt === null ? 0 : Date.parse(key.lastUsedAt);
  if (Date.now() - lastUsed > TOUCH_INTERVAL_MS) await store.apiKeys.touch(id);

  return { keyId: key.id, tenantId: key.tenantId, scope: key.scope };
}

/**
 * Finds the spec operation of a request (404 or 405 in the error shape when there is none)
 * and, when it needs an API key, checks the key and its scope.
 */
export function authenticate(store: Store, routes: readonly SpecRoute[]): RequestHandler {
  return async (req, res, next) => {
    const onPath = routes.filter((route) => route.matcher.test(req.path));
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = onPath.find((candidate) => candidate.method === method);
    if (!route) {
      if (onPath.length === 0) {
        throw new CrmMlError('route_not_found', `no route ${req.method} ${req.path}`);
      }
      res.setHeader('Allow', onPath.map((candidate) => candidate.method).join(', '));
      throw new CrmMlError('method_not_allowed', `${req.method} is not allowed on ${req.path}`);
    }
    res.locals['route'] = route;
    if (route.auth.kind !== 'apiKey') {
      next();
      return;
    }

    const token = bearerToken(req.get('authorization'));
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new CrmMlError('unauthorized', 'send an API key as `Authorization: Bearer <key>`');
    }
    const caller = await callerFor(store, token);
    if (!scopeAllows(caller.scope, route.auth.scope)) {
      throw new CrmMlError(
        'forbidden',
        `${route.operationId} needs scope ${route.auth.scope}; the key has ${caller.scope}`,
      );
    }
    res.locals['caller'] = caller;
    next();
  };
}
