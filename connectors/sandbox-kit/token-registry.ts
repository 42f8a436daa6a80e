import { randomBytes } from 'node:crypto';

export type TokenStatus = 'valid' | 'expired' | 'unknown';

/** Access tokens a sandbox accepts, and the ones it has expired. */
export class TokenRegistry {
  private readonly valid = new Set<string>();
  private readonly expired = new Set<string>();

  /** `prefix` starts every issued token, so tokens look like the vendor's (`00D…!`). */
  constructor(
    initialToken: string,
    private readonly prefix = 'sandbox-',
  ) {
    this.valid.add(initialToken);
  }

  status(token: string): TokenStatus {
    if (this.valid.has(token)) return 'valid';
    return this.expired.has(token) ? 'expired' : 'unknown';
  }

  /** Every token issued so far expires: older ones would have expired before the newest. */
  expireAll(): void {
    for (const token of this.valid) this.expired.add(token);
    this.valid.clear();
  }

  /** A new access token, as a refresh grant hands out. */
  issue(): string {
    const token = `${this.prefix}${randomBytes(12).toString('hex')}`;
    this.valid.add(token);
    return token;
  }
}
