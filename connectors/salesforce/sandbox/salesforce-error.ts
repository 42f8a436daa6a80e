/** One entry of the REST API's error array: `[{message, errorCode, fields?}]`. */
export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** One error of a SaveResult (collections, Tooling create): `statusCode`, not `errorCode`. */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/**
 * Thrown by route handlers to answer with a status and a Salesforce-shaped body; the error
 * middleware writes it, so a handler never half-writes a reply.
 */
export class SalesforceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: RestError[] | Record<string, unknown>,
  ) {
    super(Array.isArray(body) ? (body[0]?.message ?? 'error') : 'error');
    this.name = 'SalesforceHttpError';
  }

  /** The REST API's usual failure: a status and a one-entry error array. */
  static rest(status: number, errorCode: string, message: string, fields?: string[]) {
    const entry: RestError = { message, errorCode };
    if (fields !== undefined) entry.fields = fields;
    return new SalesforceHttpError(status, [entry]);
  }

  static badRequest(errorCode: string, message: string, fields?: string[]): SalesforceHttpError {
    return SalesforceHttpError.rest(400, errorCode, message, fields);
  }

  /** 404 NOT_FOUND, what Salesforce answers for unknown ids and resources alike. */
  static notFound(message = 'The requested resource does not exist'): SalesforceHttpError {
    return SalesforceHttpError.rest(404, 'NOT_FOUND', message);
  }
}
