import { Webhook } from 'standardwebhooks';

/** The signing secret of a subscription, and the previous one while a rotation overlaps. */
export interface SigningSecrets {
  current: string;
  previous: string | null;
}

/**
 * Standard Webhooks headers for one attempt: the id stays the event's across retries, the
 * timestamp is the attempt's, and `webhook-signature` holds one `v1,` signature per valid
 * secret (space-separated), so a subscriber holding either secret during a rotation verifies.
 * `body` must be exactly the bytes that will be sent.
 */
export function signWebhook(
  secrets: SigningSecrets,
  eventId: string,
  attemptedAt: Date,
  body: Uint8Array,
): Record<string, string> {
  const keys = secrets.previous === null ? [secrets.current] : [secrets.current, secrets.previous];
  const signatures = keys.map((key) => new Webhook(key).sign(eventId, attemptedAt, body));

  return {
    'content-type': 'application/json',
    'user-agent': 'crm-ml-webhooks',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
