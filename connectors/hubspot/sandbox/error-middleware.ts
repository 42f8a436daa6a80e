import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../../core/logging/logger.js';
import { hubspotErrorBody, SandboxHttpError } from './hubspot-error.js';

function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}

/** Unknown routes: HubSpot answers 404 with its error body. */
export const notFoundHandler: RequestHandler = (request, response) => {
  const message = `No route for ${request.method} ${request.path}`;
  response.status(404).json(hubspotErrorBody('OBJECT_NOT_FOUND', message));
};

/** Turns thrown SandboxHttpErrors and body-parser failures into HubSpot-shaped 4xx replies. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    if (error instanceof SandboxHttpError) {
      response.status(error.status).json(error.body);
      return;
    }

    const type = bodyParserType(error);
    if (type !== undefined) {
      const message = error instanceof Error ? error.message : 'unreadable body';
      response
        .status(400)
        .json(hubspotErrorBody('VALIDATION_ERROR', `Invalid input JSON: ${message}`));
      return;
    }

    // A sandbox bug: surface it loudly rather than pretending HubSpot failed.
    logger.error({ err: error }, 'sandbox route failed');
    response.status(500).json(hubspotErrorBody('INTERNAL_ERROR', 'sandbox bug: see the log'));
  };
}
