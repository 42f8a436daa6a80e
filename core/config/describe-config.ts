import type { CrmMlConfig } from './config-settings.js';

const MASK = '[redacted]';

/**
 * A copy of the configuration that is safe to print or log (`crm-ml doctor`): tokens and
 * client secrets are masked, and URLs keep their host but lose their password.
 */
export function describeConfig(config: Readonly<CrmMlConfig>): CrmMlConfig {
  const { hubspot } = config;
  return {
    ...config,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: maskUrl(config.databaseUrl) }),
    ...(config.redisUrl === undefined ? {} : { redisUrl: maskUrl(config.redisUrl) }),
    hubspot: {
      ...hubspot,
      ...(hubspot.accessToken === undefined ? {} : { accessToken: MASK }),
      ...(hubspot.oauth === undefined
        ? {}
        : { oauth: { clientId: hubspot.oauth.clientId, clientSecret: MASK, refreshToken: MASK } }),
    },
    churn: { ...config.churn },
  };
}

// Passwords hide in the user part (postgres://user:pw@host) and sometimes in the query.
function maskUrl(value: string): string {
  if (!URL.canParse(value)) return MASK;

  const url = new URL(value);
  const user = url.username === '' ? '' : `${url.username}${url.password ? `:${MASK}` : ''}@`;
  const query = [...url.searchParams]
    .map(([name, param]) => `${name}=${/pass|secret|token|key/i.test(name) ? MASK : param}`)
    .join('&');
  const search = query === '' ? '' : `?${query}`;
  const bareUser = url.username === '' && url.password !== '' ? `:${MASK}@` : user;
  return `${url.protocol}//${bareUser}${url.host}${url.pathname}${search}`;
}
