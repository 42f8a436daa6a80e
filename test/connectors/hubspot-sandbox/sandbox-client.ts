import { Client } from '@hubspot/api-client';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';

/** The real HubSpot client pointed at the sandbox, with its own retries left off. */
export function clientFor(sandbox: HubSpotSandbox, accessToken = 'sandbox-token'): Client {
  return new Client({ accessToken, basePath: sandbox.url });
}

/** What the client's ApiException carries; each generated module has its own class. */
export interface ApiFailure {
  code: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Awaits a call that must fail and returns the client's exception. */
export async function failureOf(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && 'body' in error) {
      return error as ApiFailure;
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}
