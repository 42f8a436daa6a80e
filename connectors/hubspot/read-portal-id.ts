import { z } from 'zod';

import type { HubSpotApi } from './hubspot-api.js';
import { HubSpotHttpError } from './hubspot-http-error.js';
import { parsePayload } from './hubspot-schemas.js';

const ENDPOINT = 'GET /account-info/v3/details';
const accountDetailsSchema = z.object({ portalId: z.number().int().positive() });

/**
 * The portal (hub) id behind the token, from the account-info API; private-app and OAuth
 * tokens both may call it. The client library has no generated API for it, so this goes
 * through its raw `apiRequest`, which skips the client's error middleware.
 */
export async function readPortalId(api: HubSpotApi): Promise<string> {
  const info = await api.call(ENDPOINT, async (client) => {
    const response = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await response.text();
    if (!response.ok) throw new HubSpotHttpError(response.status, headers, text);
    return { httpStatusCode: response.status, headers, data: JSON.parse(text) as unknown };
  });
  return String(parsePayload(accountDetailsSchema, info.data, ENDPOINT).portalId);
}
