import type { Json } from '../../plugins/plugin.js';
import { CrmMlError } from '../errors/crm-ml-error.js';
import { forbiddenHostReason, type HostResolver } from '../webhooks/webhook-url-guard.js';

/** The opt-in that lets API connections point at loopback and private CRMs (local sandboxes). */
export const ALLOW_PRIVATE_CRM_VARIABLE = 'CRM_ML_CRM_ALLOW_PRIVATE';

/** True when the environment opts in to private CRM base URLs. */
export function privateCrmUrlsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[ALLOW_PRIVATE_CRM_VARIABLE] === 'true';
}

// The connector settings that name a server the connector calls with the tenant's token:
// HubSpot's `basePath`, Salesforce's `instanceUrl` and the `loginUrl` of its OAuth flows.
const URL_SETTING_KEYS = new Set(['basePath', 'instanceUrl', 'loginUrl']);
const MAX_DEPTH = 4;

/** Each server URL in a connection's connector settings, with its path (`oauth.loginUrl`). */
export function crmUrlsOf(settings: Json, prefix = ''): { path: string; url: string }[] {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return [];
  const found: { path: string; url: string }[] = [];
  const walk = (value: { [key: string]: Json }, path: string, depth: number): void => {
    for (const [key, child] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (typeof child === 'string' && URL_SETTING_KEYS.has(key))
        found.push({ path: at, url: child });
      const nested = typeof child === 'object' && child !== null && !Array.isArray(child);
      if (nested && depth < MAX_DEPTH) walk(child, at, depth + 1);
    }
  };
  walk(settings, prefix, 0);
  return found;
}

export interface CrmUrlPolicy {
  /** Accept loopback, private and link-local hosts (development against local sandboxes). */
  allowPrivate: boolean;
  resolveHost?: HostResolver;
}

/**
 * Refuses connector settings whose server URLs a tenant must not make crm-ml call: anything
 * but http(s), and (unless `allowPrivate`) hosts that are or resolve to loopback, private,
 * link-local or metadata addresses. The connector sends its bearer token there, so this runs
 * when a connection is created and again each time one is opened: a DNS answer may change.
 */
export async function assertCrmUrlsAllowed(
  settings: Json,
  policy: CrmUrlPolicy,
  prefix = '',
): Promise<void> {
  for (const { path, url } of crmUrlsOf(settings, prefix)) {
    const reason = await refusalOf(url, policy);
    if (reason !== null) {
      throw new CrmMlError(
        'crm_url_forbidden',
        `CRM url at ${path} refused: ${reason}` +
          (policy.allowPrivate
            ? ''
            : ` (${ALLOW_PRIVATE_CRM_VARIABLE}=true allows it in development)`),
        { details: [{ path, message: reason }] },
      );
    }
  }
}

async function refusalOf(url: string, policy: CrmUrlPolicy): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `${parsed.protocol} is not http or https`;
  }
  if (policy.allowPrivate) return null;
  try {
    return await forbiddenHostReason(url, policy.resolveHost);
  } catch {
    // A name that does not resolve now is refused; the connector could not reach it either.
    return `${parsed.hostname} does not resolve`;
  }
}
