import type { RequestHandler } from 'express';
import type { TokenRegistry } from '../../sandbox-kit/token-registry.js';

/**
 * Requires `Authorization: Bearer <token>` (jsforce also sends `OAuth <token>`, which
 * Salesforce accepts). Missing, unknown and expired tokens all get the same 401
 * INVALID_SESSION_ID, as Salesforce does not tell them apart; clients refresh on it.
 */
export function authMiddleware(tokens: TokenRegistry): RequestHandler {
  return (request, response, next) => {
    const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.get('authorization') ?? '');
    if (match?.[1] !== undefined && tokens.status(match[1]) === 'valid') {
      next();
      return;
    }
    response
      .status(401)
      .json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  };
}
