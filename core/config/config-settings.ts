import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** crm-ml's configuration, parsed once at startup. Optional settings are absent when unset. */
export interface CrmMlConfig {
  /** Directory for the SQLite store, models and caches. */
  home: string;
  /** PostgreSQL instead of the embedded SQLite store. */
  databaseUrl?: string;
  /** Run jobs on BullMQ through this Redis instead of in-process. */
  redisUrl?: string;
  /**
   * Redis key prefix of the queues (`CRM_ML_QUEUE_PREFIX`, default `crm-ml`): environments
   * sharing one Redis each set their own, and run, serve, worker and status all use it.
   */
  queuePrefix: string;
  logLevel: (typeof LOG_LEVELS)[number];
  hubspot: {
    accessToken?: string;
    baseUrl?: string;
    /** OAuth app credentials, to refresh expiring access tokens. */
    oauth?: { clientId: string; clientSecret: string; refreshToken: string };
  };
  /** A Salesforce org: present when SALESFORCE_INSTANCE_URL is set. */
  salesforce?: {
    instanceUrl: string;
    accessToken?: string;
    /** Refresh-token flow: the connected app and a user's refresh token. */
    refresh?: { clientId: string; clientSecret: string; refreshToken: string; loginUrl?: string };
    /** JWT bearer flow: the connected app, the user, and the PEM file of the signing key. */
    jwt?: { clientId: string; username: string; privateKeyFile: string; loginUrl?: string };
  };
  churn: {
    /** The property that says whether a customer churned. */
    target: string;
    /** The target value that means churned; the plugin guesses (Yes/true/1) when absent. */
    positive?: string;
  };
  /** Seed of every random choice (splits, weight init), for repeatable runs. */
  seed: number;
  /** Score-distribution PSI above which the next run retrains a plugin (`CRM_ML_DRIFT_PSI`). */
  driftPsi: number;
  /**
   * Threads that score beside the main thread in large runs (`CRM_ML_SCORE_THREADS`); one on
   * a machine with a second core when absent. Set it where the cores seen are not the cores
   * granted (a container's CPU quota).
   */
  scoreThreads?: number;
  /** npm packages of third-party plugins to load, by name. */
  pluginPackages: string[];
  /** Ids of the plugins runs use; every registered plugin when absent. */
  enabledPlugins?: string[];
  /** Options per plugin id (e.g. `{ "segments": { "k": 4 } }`); `churn` also takes `churn.*`. */
  pluginOptions?: Record<string, Record<string, unknown>>;
}

/** One setting: the variable that sets it, its key in the config file, and its rule. */
export interface ConfigSetting {
  env: string;
  /** Dotted key in crm-ml.config.json. */
  key: string;
  /** Never echoed in messages, masked by describeConfig. */
  secret: boolean;
  schema: z.ZodType<string | number>;
  default?: string | number;
}

const text = z.string().min(1, 'must not be empty');

function urlWith(protocols: readonly string[], label: string): z.ZodType<string> {
  return text.refine(
    (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
    {
      message: `must be a ${label} URL`,
    },
  );
}

// A PSI is 0 for identical distributions and grows without bound; 0.25 is the usual line.
const PSI = 'must be a number above 0, e.g. 0.25';
const driftPsi = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*\d*\.?\d+\s*$/)
        .transform(Number),
    ],
    { error: PSI },
  )
  .pipe(z.number().gt(0, PSI));

// Scoring gains nothing past a few threads: the main thread's store work bounds it.
const MAX_SCORE_THREADS = 16;
const THREADS = `must be a whole number from 0 to ${MAX_SCORE_THREADS}`;
const scoreThreads = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*\d+\s*$/)
        .transform(Number),
    ],
    { error: THREADS },
  )
  .pipe(z.number().int(THREADS).min(0, THREADS).max(MAX_SCORE_THREADS, THREADS));

const MAX_SEED = 2 ** 32 - 1;

// Environment values are strings and file values may be numbers: both must be whole numbers.
const WHOLE = `must be a whole number from 0 to ${MAX_SEED}`;
const seed = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*\d+\s*$/)
        .transform(Number),
    ],
    { error: WHOLE },
  )
  .pipe(z.number().int(WHOLE).min(0, WHOLE).max(MAX_SEED, WHOLE));

/** Every setting crm-ml reads, in the order errors are reported. */
export const CONFIG_SETTINGS: readonly ConfigSetting[] = [
  { env: 'CRM_ML_HOME', key: 'home', secret: false, schema: text, default: './.crm-ml' },
  {
    env: 'DATABASE_URL',
    key: 'databaseUrl',
    // The URL usually carries the database password.
    secret: true,
    schema: urlWith(['postgres:', 'postgresql:'], 'postgres://'),
  },
  {
    env: 'REDIS_URL',
    key: 'redisUrl',
    secret: true,
    schema: urlWith(['redis:', 'rediss:'], 'redis:// or rediss://'),
  },
  {
    env: 'CRM_ML_QUEUE_PREFIX',
    key: 'queuePrefix',
    secret: false,
    // BullMQ joins prefix and queue name with `:`; braces make a Redis Cluster hash tag.
    schema: text.regex(
      /^[A-Za-z0-9_.{}-]+$/,
      'must be letters, digits, _ . - { } (e.g. crm-ml-staging)',
    ),
    default: 'crm-ml',
  },
  {
    env: 'LOG_LEVEL',
    key: 'logLevel',
    secret: false,
    schema: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
    default: 'info',
  },
  {
    env: 'HUBSPOT_ACCESS_TOKEN',
    key: 'hubspot.accessToken',
    secret: true,
    schema: text.regex(/^\S+$/, 'must not contain spaces (a copy-paste slip?)'),
  },
  {
    env: 'HUBSPOT_BASE_URL',
    key: 'hubspot.baseUrl',
    secret: false,
    schema: urlWith(['http:', 'https:'], 'http:// or https://'),
  },
  { env: 'HUBSPOT_CLIENT_ID', key: 'hubspot.clientId', secret: false, schema: text },
  { env: 'HUBSPOT_CLIENT_SECRET', key: 'hubspot.clientSecret', secret: true, schema: text },
  { env: 'HUBSPOT_REFRESH_TOKEN', key: 'hubspot.refreshToken', secret: true, schema: text },
  {
    env: 'SALESFORCE_INSTANCE_URL',
    key: 'salesforce.instanceUrl',
    secret: false,
    schema: urlWith(['http:', 'https:'], 'http:// or https://'),
  },
  {
    env: 'SALESFORCE_ACCESS_TOKEN',
    key: 'salesforce.accessToken',
    secret: true,
    schema: text.regex(/^\S+$/, 'must not contain spaces (a copy-paste slip?)'),
  },
  { env: 'SALESFORCE_CLIENT_ID', key: 'salesforce.clientId', secret: false, schema: text },
  { env: 'SALESFORCE_CLIENT_SECRET', key: 'salesforce.clientSecret', secret: true, schema: text },
  { env: 'SALESFORCE_REFRESH_TOKEN', key: 'salesforce.refreshToken', secret: true, schema: text },
  { env: 'SALESFORCE_USERNAME', key: 'salesforce.username', secret: false, schema: text },
  {
    env: 'SALESFORCE_PRIVATE_KEY_FILE',
    key: 'salesforce.privateKeyFile',
    secret: false,
    schema: text,
  },
  {
    env: 'SALESFORCE_LOGIN_URL',
    key: 'salesforce.loginUrl',
    secret: false,
    schema: urlWith(['http:', 'https:'], 'http:// or https://'),
  },
  {
    env: 'CRM_ML_CHURN_TARGET',
    key: 'churn.target',
    secret: false,
    schema: text,
    default: 'churn',
  },
  { env: 'CRM_ML_CHURN_POSITIVE', key: 'churn.positive', secret: false, schema: text },
  { env: 'CRM_ML_SEED', key: 'seed', secret: false, schema: seed, default: 42 },
  { env: 'CRM_ML_DRIFT_PSI', key: 'driftPsi', secret: false, schema: driftPsi, default: 0.25 },
  { env: 'CRM_ML_SCORE_THREADS', key: 'scoreThreads', secret: false, schema: scoreThreads },
  {
    env: 'CRM_ML_PLUGINS',
    key: 'pluginPackages',
    secret: false,
    schema: text.regex(/^[^\s,]+(\s*,\s*[^\s,]+)*$/, 'must be package names separated by commas'),
  },
  {
    env: 'CRM_ML_ENABLED_PLUGINS',
    key: 'enabledPlugins',
    secret: false,
    schema: text.regex(/^\s*[a-z][a-z0-9_]*(\s*,\s*[a-z][a-z0-9_]*)*\s*$/, {
      message: 'must be plugin ids separated by commas, e.g. churn,segments',
    }),
  },
  {
    env: 'CRM_ML_PLUGIN_OPTIONS',
    key: 'pluginOptions',
    secret: false,
    schema: text.refine(isOptionsByPlugin, {
      message: 'must be a JSON object of option objects by plugin id, e.g. {"segments":{"k":4}}',
    }),
  },
];

/** True for JSON text of the shape `{ "<plugin id>": { …options } }`. */
export function isOptionsByPlugin(value: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  const isObject = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  return isObject(parsed) && Object.values(parsed as object).every(isObject);
}

const fileText = z.string();

/** The shape of crm-ml.config.json: the same settings under readable keys, nothing else. */
export const configFileSchema = z.strictObject({
  home: fileText.optional(),
  databaseUrl: fileText.optional(),
  redisUrl: fileText.optional(),
  queuePrefix: fileText.optional(),
  logLevel: fileText.optional(),
  hubspot: z
    .strictObject({
      accessToken: fileText.optional(),
      baseUrl: fileText.optional(),
      clientId: fileText.optional(),
      clientSecret: fileText.optional(),
      refreshToken: fileText.optional(),
    })
    .optional(),
  salesforce: z
    .strictObject({
      instanceUrl: fileText.optional(),
      accessToken: fileText.optional(),
      clientId: fileText.optional(),
      clientSecret: fileText.optional(),
      refreshToken: fileText.optional(),
      username: fileText.optional(),
      privateKeyFile: fileText.optional(),
      loginUrl: fileText.optional(),
    })
    .optional(),
  churn: z.strictObject({ target: fileText.optional(), positive: fileText.optional() }).optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  driftPsi: z.union([z.number(), z.string()]).optional(),
  scoreThreads: z.union([z.number(), z.string()]).optional(),
  pluginPackages: fileText.optional(),
  enabledPlugins: z.union([fileText, z.array(z.string())]).optional(),
  pluginOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
