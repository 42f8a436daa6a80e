import { Client } from '@hubspot/api-client';
import type http from 'node:http';

import { HubSpotHttpError } from './hubspot-http-error.js';

interface ResponseLike {
  httpStatusCode: number;
  headers: Record<string, string>;
  body: { text(): Promise<string> };
}

/**
 * Builds the real HubSpot client the connector calls through.
 *
 * - No `numberOfApiCallRetries`: the built-in retry ignores Retry-After and retries only some
 *   429 bodies, so `callHubSpot` owns retries.
 * - A post-response middleware turns every non-2xx answer into a `HubSpotHttpError` carrying
 *   the raw body and headers (the generated code would drop the 429 `policyName`).
 * - The agent gives each socket an idle timeout, since the client has no timeout option.
 */
export function createHubSpotClient(
  accessToken: string,
  basePath: string,
  agent: http.Agent,
): Client {
  const client = new Client({
    accessToken,
    basePath,
    httpAgent: agent,
    middleware: [{ pre: (context: unknown) => context, post: rejectFailedResponse }],
  });

  warmDiscoveries(client);
  return client;
}

/**
 * Instantiates the API objects the connector uses. The client applies its retry and limiter
 * decorators from one process-wide registry at the moment an API object is first created, so
 * creating ours now keeps them free of decorators another `Client` in the process may set.
 */
export function warmDiscoveries(client: Client): void {
  void client.crm.objects.basicApi;
  void client.crm.properties.coreApi;
  void client.oauth.tokensApi;
}

async function rejectFailedResponse(context: unknown): Promise<unknown> {
  const response = context as ResponseLike;
  const status = response.httpStatusCode;
  if (status >= 200 && status < 300) return response;

  const bodyText = await response.body.text().catch(() => '');
  throw new HubSpotHttpError(status, response.headers, bodyText);
}
