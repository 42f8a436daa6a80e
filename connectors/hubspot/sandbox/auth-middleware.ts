import type { RequestHandler } from 'express';
import { hubspotErrorBody } from './hubspot-error.js';
import type { TokenRegistry } from '../../sandbox-kit/token-registry.js';

/**
 * Requires `Authorization: Bearer <token>`. HubSpot answers 401 with category
 * INVALID_AUTHENTICATION for a missing or unknown token and EXPIRED_AUTHENTICATION for an
 * expired OAuth token, which is the signal clients use to refresh.
 */
export function authMiddleware(tokens: TokenRegistry): RequestHandler {
  return (request, response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const status = match?.[1] === undefined ? 'unknown' : tokens.status(match[1]);
    if (status === 'valid') {
      next();
      return;
    }

    const body =
      status === 'expired'
        ? hubspotErrorBody(
            'EXPIRED_AUTHENTICATION',
            'The OAuth token used to make this call expired 0 second(s) ago.',
          )
        : hubspotErrorBody(
            'INVALID_AUTHENTICATION',
            'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
          );
    response.status(401).json(body);
  };
}
