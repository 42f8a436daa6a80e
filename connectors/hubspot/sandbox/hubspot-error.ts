import { randomUUID } from 'node:crypto';

/** HubSpot's CRM v3 error body: `{status, message, correlationId, category}`. */
export interface HubSpotErrorBody {
  status: string;
  message: string;
  correlationId: string;
  category?: string;
  [extra: string]: unknown;
}

/** Builds a HubSpot-shaped error body with a fresh correlation id. */
export function hubspotErrorBody(
  category: string,
  message: string,
  extra: Record<string, unknown> = {},
): HubSpotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/**
 * Thrown by route handlers to answer with a given status and body; the sandbox's error
 * middleware turns it into the response, so handlers never half-write a reply.
 */
export class SandboxHttpError extends Error {
  readonly status: number;
  readonly body: HubSpotErrorBody;

  constructor(status: number, body: HubSpotErrorBody) {
    super(body.message);
    this.name = 'SandboxHttpError';
    this.status = status;
    this.body = body;
  }

  /** 400 VALIDATION_ERROR, the category HubSpot uses for every malformed request. */
  static validation(message: string, extra: Record<string, unknown> = {}): SandboxHttpError {
    return new SandboxHttpError(400, hubspotErrorBody('VALIDATION_ERROR', message, extra));
  }

  static notFound(message: string): SandboxHttpError {
    return new SandboxHttpError(404, hubspotErrorBody('OBJECT_NOT_FOUND', message));
  }

  static conflict(message: string): SandboxHttpError {
    return new SandboxHttpError(409, hubspotErrorBody('OBJECT_ALREADY_EXISTS', message));
  }
}
