import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';
import { CONFIG_SETTINGS, configFileSchema, type CrmMlConfig } from './config-settings.js';

export interface LoadConfigOptions {
  /** A config file that must exist (the CLI's `--config`). */
  configPath?: string;
  /** Where to look for crm-ml.config.json and resolve CRM_ML_HOME; process.cwd() if absent. */
  cwd?: string;
}

export const CONFIG_FILE_NAME = 'crm-ml.config.json';

type Values = Map<string, string | number>;

/**
 * Reads crm-ml's configuration from the environment and an optional JSON file (the
 * environment wins), validates it and freezes it. An empty variable counts as unset.
 * Throws `config_invalid` listing every bad setting by its variable or file key.
 *
 * @example
 * const config = loadConfig(process.env, { configPath: 'crm-ml.config.json' });
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): Readonly<CrmMlConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(cwd, options.configPath);
  const values: Values = new Map();
  const problems: ErrorDetail[] = [];

  for (const setting of CONFIG_SETTINGS) {
    const fromEnv = env[setting.env]?.trim() ? env[setting.env] : undefined;
    const raw = fromEnv ?? file.values[setting.key] ?? setting.default;
    if (raw === undefined) continue;

    const where =
      fromEnv === undefined && file.values[setting.key] !== undefined
        ? `${file.path}: ${setting.key}`
        : setting.env;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) {
      values.set(setting.key, parsed.data);
    } else {
      const reason = parsed.error.issues[0]?.message ?? 'is invalid';
      const shown = setting.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      problems.push({ path: where, message: `${reason}${shown}` });
    }
  }
  checkOAuthComplete(values, problems);
  checkSalesforceComplete(values, problems);

  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    throw new CrmMlError('config_invalid', `configuration is invalid: ${list}`, {
      details: problems,
    });
  }
  return deepFreeze(toConfig(values, cwd));
}

// Refreshing a token needs all three, so a client id or refresh token without the rest is a
// mistake; the client secret alone is fine: it verifies webhook and card signatures (`serve`).
function checkOAuthComplete(values: Values, problems: ErrorDetail[]): void {
  const oauth = CONFIG_SETTINGS.filter((setting) =>
    ['hubspot.clientId', 'hubspot.clientSecret', 'hubspot.refreshToken'].includes(setting.key),
  );
  const missing = oauth.filter((setting) => !values.has(setting.key));
  const refreshMeant = values.has('hubspot.clientId') || values.has('hubspot.refreshToken');
  if (missing.length === 0 || !refreshMeant) return;

  problems.push({
    path: oauth.map((setting) => setting.env).join(', '),
    message: `set all three or none; missing ${missing.map((setting) => setting.env).join(', ')}`,
  });
}

// An instance URL alone cannot sign in; credentials without one have nowhere to go.
function checkSalesforceComplete(values: Values, problems: ErrorDetail[]): void {
  const has = (key: string): boolean => values.has(`salesforce.${key}`);
  const credentials =
    has('accessToken') ||
    (has('clientId') && has('clientSecret') && has('refreshToken')) ||
    (has('clientId') && has('username') && has('privateKeyFile'));
  const anySalesforce = CONFIG_SETTINGS.some(
    (setting) => setting.key.startsWith('salesforce.') && values.has(setting.key),
  );
  if (!anySalesforce || (has('instanceUrl') && credentials)) return;

  problems.push({
    path: has('instanceUrl') ? 'SALESFORCE_INSTANCE_URL' : 'SALESFORCE_*',
    message: has('instanceUrl')
      ? 'needs SALESFORCE_ACCESS_TOKEN, or SALESFORCE_CLIENT_ID with SALESFORCE_CLIENT_SECRET ' +
        'and SALESFORCE_REFRESH_TOKEN, or with SALESFORCE_USERNAME and SALESFORCE_PRIVATE_KEY_FILE'
      : 'Salesforce credentials are set but SALESFORCE_INSTANCE_URL is not',
  });
}

function toConfig(values: Values, cwd: string): CrmMlConfig {
  const text = (key: string): string | undefined => {
    const value = values.get(key);
    return value === undefined ? undefined : String(value);
  };
  const optional = <K extends string>(key: K, value: string | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, string>);

  const clientId = text('hubspot.clientId');
  const clientSecret = text('hubspot.clientSecret');
  const refreshToken = text('hubspot.refreshToken');
  const oauth =
    clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;

  const salesforce = salesforceConfig(text, cwd);
  return {
    home: resolve(cwd, text('home') ?? '.crm-ml'),
    ...optional('databaseUrl', text('databaseUrl')),
    ...optional('redisUrl', text('redisUrl')),
    queuePrefix: text('queuePrefix') ?? 'crm-ml',
    logLevel: (text('logLevel') ?? 'info') as CrmMlConfig['logLevel'],
    hubspot: {
      ...optional('accessToken', text('hubspot.accessToken')),
      ...optional('baseUrl', text('hubspot.baseUrl')),
      ...(oauth === null ? {} : { oauth }),
    },
    ...(salesforce === null ? {} : { salesforce }),
    churn: {
      target: text('churn.target') ?? 'churn',
      ...optional('positive', text('churn.positive')),
    },
    seed: Number(values.get('seed') ?? 42),
    driftPsi: Number(values.get('driftPsi') ?? 0.25),
    ...(values.has('scoreThreads') ? { scoreThreads: Number(values.get('scoreThreads')) } : {}),
    pluginPackages: commaList(text('pluginPackages')),
    ...(values.has('enabledPlugins') ? { enabledPlugins: commaList(text('enabledPlugins')) } : {}),
    ...(values.has('pluginOptions')
      ? {
          pluginOptions: JSON.parse(text('pluginOptions') ?? '{}') as Record<
            string,
            Record<string, unknown>
          >,
        }
      : {}),
  };
}

function salesforceConfig(
  text: (key: string) => string | undefined,
  cwd: string,
): NonNullable<CrmMlConfig['salesforce']> | null {
  const instanceUrl = text('salesforce.instanceUrl');
  if (instanceUrl === undefined) return null;
  const accessToken = text('salesforce.accessToken');
  const clientId = text('salesforce.clientId');
  const clientSecret = text('salesforce.clientSecret');
  const refreshToken = text('salesforce.refreshToken');
  const username = text('salesforce.username');
  const privateKeyFile = text('salesforce.privateKeyFile');
  const loginUrl = text('salesforce.loginUrl');
  const login = loginUrl === undefined ? {} : { loginUrl };

  return {
    instanceUrl,
    ...(accessToken === undefined ? {} : { accessToken }),
    ...(clientId && clientSecret && refreshToken
      ? { refresh: { clientId, clientSecret, refreshToken, ...login } }
      : {}),
    ...(clientId && username && privateKeyFile
      ? { jwt: { clientId, username, privateKeyFile: resolve(cwd, privateKeyFile), ...login } }
      : {}),
  };
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

interface ConfigFile {
  path: string;
  /** Values by dotted key, e.g. `hubspot.accessToken`. */
  values: Record<string, string | number>;
}

function readConfigFile(cwd: string, configPath: string | undefined): ConfigFile {
  const path = resolve(cwd, configPath ?? CONFIG_FILE_NAME);
  if (configPath === undefined && !existsSync(path)) return { path, values: {} };

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : `cannot be read as JSON (${(error as Error).message})`;
    throw new CrmMlError('config_invalid', `configuration is invalid: ${path}: ${reason}`, {
      details: [{ path, message: reason }],
      cause: error,
    });
  }

  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: `${path}: ${issue.path.join('.') || '(top level)'}`,
      message: issue.message,
    }));
    const list = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
    throw new CrmMlError('config_invalid', `configuration is invalid: ${list}`, { details });
  }
  // Lists and option objects are kept whole: the settings read them as text, like variables.
  const { enabledPlugins, pluginOptions, ...rest } = parsed.data;
  return {
    path,
    values: {
      ...flatten(rest),
      ...(enabledPlugins === undefined
        ? {}
        : { enabledPlugins: [enabledPlugins].flat().join(',') }),
      ...(pluginOptions === undefined ? {} : { pluginOptions: JSON.stringify(pluginOptions) }),
    },
  };
}

function flatten(object: object, prefix = ''): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object' && value !== null) {
      Object.assign(values, flatten(value as object, `${prefix}${key}.`));
    } else if (typeof value === 'string' || typeof value === 'number') {
      values[`${prefix}${key}`] = value;
    }
  }
  return values;
}

function deepFreeze<T extends object>(object: T): Readonly<T> {
  for (const value of Object.values(object)) {
    if (typeof value === 'object' && value !== null) deepFreeze(value as object);
  }
  return Object.freeze(object);
}
