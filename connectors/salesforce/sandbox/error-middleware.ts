import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../../core/logging/logger.js';
import { SalesforceHttpError } from './salesforce-error.js';

function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}

/** Unknown resources: Salesforce answers 404 NOT_FOUND with its error array. */
export const notFoundHandler: RequestHandler = (_request, response) => {
  response.status(404).json(SalesforceHttpError.notFound().body);
};

/** Writes thrown SalesforceHttpErrors and body-parser failures as Salesforce-shaped replies. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    if (error instanceof SalesforceHttpError) {
      response.status(error.status).json(error.body);
      return;
    }

    if (bodyParserType(error) !== undefined) {
      const message = error instanceof Error ? error.message : 'unreadable body';
      response.status(400).json([{ message, errorCode: 'JSON_PARSER_ERROR' }]);
      return;
    }

    // A sandbox bug: surface it loudly rather than pretending Salesforce failed.
    logger.error({ err: error }, 'sandbox route failed');
    response
      .status(500)
      .json([{ message: 'sandbox bug: see the log', errorCode: 'UNKNOWN_EXCEPTION' }]);
  };
}
