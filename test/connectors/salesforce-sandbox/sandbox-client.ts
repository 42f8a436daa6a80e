import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import type { SalesforceSandbox } from '../../../connectors/salesforce/sandbox/index.js';

// @salesforce/core writes ~/.sfdx and ~/.sf files when loaded: point HOME at a temp folder
// and switch its log file off before the module is imported.
process.env['HOME'] = mkdtempSync(join(tmpdir(), 'crm-ml-sf-home-'));
process.env['SF_DISABLE_LOG_FILE'] = 'true';

const core: typeof import('@salesforce/core') = await import('@salesforce/core');

export type { Connection };

export const SANDBOX_USERNAME = 'sandbox@crm-ml.test';

/** A real @salesforce/core Connection on the sandbox, built without any discovery calls. */
export async function connect(
  sandbox: SalesforceSandbox,
  accessToken = sandbox.accessToken,
  version = '62.0',
): Promise<Connection> {
  const authInfo = await core.AuthInfo.create({
    accessTokenOptions: {
      accessToken,
      instanceUrl: sandbox.url,
      loginUrl: sandbox.url,
      username: SANDBOX_USERNAME,
      orgId: sandbox.orgId,
      isDevHub: false,
      namespacePrefix: '',
    },
  });
  return core.Connection.create({ authInfo, connectionOptions: { version } });
}

/** The error name jsforce gives a failed call (the Salesforce errorCode). */
export async function errorOf(
  call: PromiseLike<unknown>,
): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** jsforce's Connection and OAuth2, for the flows @salesforce/core hides (refresh, JWT). */
export const jsforce: Pick<typeof import('@jsforce/jsforce-node'), 'Connection' | 'OAuth2'> =
  await import('@jsforce/jsforce-node');
