import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type SalesforceCore = typeof import('@salesforce/core');

let loaded: Promise<SalesforceCore> | null = null;
let isolation: Promise<unknown> = Promise.resolve();

/**
 * Loads @salesforce/core without letting it write a log file: the library opens
 * `~/.sf/sf-YYYY-MM-DD.log` at load unless SF_DISABLE_LOG_FILE is set, so the variable is set
 * first and the module imported dynamically after it. A value the operator set wins.
 */
export function loadSalesforceCore(): Promise<SalesforceCore> {
  process.env['SF_DISABLE_LOG_FILE'] ??= 'true';
  loaded ??= import('@salesforce/core');
  return loaded;
}

/**
 * The folder @salesforce/core may keep its state in (`.sfdx/key.json`, `.sfdx/alias.json`):
 * `$CRM_ML_HOME/salesforce` when set, else a per-user folder under the OS temp dir. Nothing in
 * it is needed between runs: the connector hands the library a token, never a stored org.
 */
export function salesforceStateDir(): string {
  const home = process.env['CRM_ML_HOME'];
  const dir =
    home !== undefined && home !== ''
      ? path.join(home, 'salesforce')
      : path.join(os.tmpdir(), `crm-ml-salesforce-${os.userInfo().username}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * Runs `work` with HOME pointed at the state folder. The library resolves `~` through
 * os.homedir() at each write, and only writes while an AuthInfo and Connection are built, so
 * HOME is swapped for exactly that span and restored after. Calls are queued so two connectors
 * built at once cannot interleave their swaps.
 */
export function withSalesforceHome<T>(work: () => Promise<T>): Promise<T> {
  const run = isolation.then(async () => {
    const saved = { HOME: process.env['HOME'], USERPROFILE: process.env['USERPROFILE'] };
    const dir = salesforceStateDir();
    process.env['HOME'] = dir;
    process.env['USERPROFILE'] = dir;
    try {
      return await work();
    } finally {
      restore('HOME', saved.HOME);
      restore('USERPROFILE', saved.USERPROFILE);
    }
  });
  isolation = run.catch(() => undefined);
  return run;
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
