import { assertDeliverableUrl } from './webhook-url-guard.js';
import type { HostResolver } from './webhook-url-guard.js';

/** One webhook POST: `body` is sent byte for byte as signed. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the scheduler needs from a subscriber's answer. */
export interface WebhookResponse {
  status: number;
  /** The `Retry-After` header, as sent. */
  retryAfter: string | null;
}

/** Sends a webhook; rejects on network failure or timeout, resolves for any HTTP status. */
export type HttpSender = (request: WebhookRequest) => Promise<WebhookResponse>;

/** Subscribers must answer within this; a slow endpoint counts as a failed attempt. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The real sender, over `fetch`. Redirects are not followed (a 3xx is a failed attempt): a
 * redirect could carry a signed payload to a host the subscriber never registered. Unless
 * `allowPrivateUrls`, a host resolving to a loopback or private address is refused.
 */
export function fetchSender(
  options: { timeoutMs?: number; allowPrivateUrls?: boolean; resolveHost?: HostResolver } = {},
): HttpSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async (request) => {
    if (options.allowPrivateUrls !== true) {
      await assertDeliverableUrl(request.url, options.resolveHost);
    }
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });

    // The answer's body is of no use; dropping it frees the connection for reuse.
    await response.body?.cancel();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };
}
