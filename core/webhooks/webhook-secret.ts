import { randomBytes } from 'node:crypto';

/** Random bytes per secret: Standard Webhooks asks for 24 to 64. */
const SECRET_BYTES = 32;

/** A new signing secret in the `whsec_<base64>` form the `standardwebhooks` libraries read. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}
