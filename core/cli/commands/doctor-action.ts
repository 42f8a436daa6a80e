import { Redis } from 'ioredis';
import { connectionFailureReason, redactUrlPassword } from '../../store/store-unavailable.js';

import { describeConfig, loadConfig, type CrmMlConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { CONFIGURABLE_CRMS, type ConfigurableCrm } from '../../runtime/configurable-crms.js';
import { parseCrm } from '../../runtime/configured-crm.js';
import { checkRunConfiguration } from '../../runtime/run-configuration.js';
import { knownConnectionIds } from '../../store/known-connection-ids.js';
import { formatConfigSummary } from '../config-summary.js';
import { printError, printResult } from '../output.js';
import type { DoctorFlags } from './doctor-command.js';

/** One finding: `error` stops crm-ml from working, `warn` risks losing work. */
interface Check {
  name: string;
  level: 'ok' | 'warn' | 'error';
  message: string;
}

/** What `doctor` does once commander has parsed its flags. */
export async function runDoctor(flags: DoctorFlags): Promise<void> {
  try {
    const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
    const wanted = parseCrm(flags.crm);
    const checks = [
      ...(await checkRunConfigurations(config, wanted)),
      await checkStore(config),
      ...(await checkRedis(config)),
    ];
    if (checks.some((check) => check.level === 'error')) process.exitCode = 1;
    const described = describeConfig(config);
    const result = { config: described, checks };
    printResult(flags, result, () =>
      [
        'configuration (secrets masked):',
        formatConfigSummary(described),
        '',
        ...checks.map((c) => `${c.level.padEnd(5)} ${c.name}: ${c.message}`),
      ].join('\n'),
    );
  } catch (error) {
    printError(flags, error);
  }
}

/**
 * What `crm-ml run` would say of the configuration, through the code it runs: for the CRM
 * asked for, else for each one configured. No CRM at all only warns, since `serve` and
 * `worker` take their connections from the API.
 */
async function checkRunConfigurations(
  config: Readonly<CrmMlConfig>,
  wanted: ConfigurableCrm | undefined,
): Promise<Check[]> {
  const configured = CONFIGURABLE_CRMS.filter((crm) =>
    crm === 'hubspot' ? config.hubspot.accessToken !== undefined : config.salesforce !== undefined,
  );
  const crms = wanted !== undefined ? [wanted] : configured.length > 0 ? configured : [undefined];
  return Promise.all(
    crms.map(async (crm): Promise<Check> => {
      const name = crm === undefined ? 'run configuration' : `run configuration (${crm})`;
      try {
        const { plugins } = await checkRunConfiguration(config, crm);
        const ids = plugins.map((plugin) => plugin.id).join(', ');
        return { name, level: 'ok', message: `accepted, plugins ${ids}` };
      } catch (error) {
        const missing = error instanceof CrmMlError && error.code === 'config_missing';
        const level = missing && wanted === undefined ? 'warn' : 'error';
        return { name, level, message: codedMessageOf(error) };
      }
    }),
  );
}

async function checkStore(config: Readonly<CrmMlConfig>): Promise<Check> {
  const name = config.databaseUrl ? 'postgresql' : 'sqlite';
  try {
    const store = await openConfiguredStore(config);
    const ids = await knownConnectionIds(store);
    await store.close();
    const listed = ids.length > 0 ? ` (${ids.join(', ')})` : '';
    const noun = ids.length === 1 ? 'connection' : 'connections';
    return { name, level: 'ok', message: `reachable, ${ids.length} ${noun}${listed}` };
  } catch (error) {
    return { name, level: 'error', message: messageOf(error) };
  }
}

async function checkRedis(config: Readonly<CrmMlConfig>): Promise<Check[]> {
  if (!config.redisUrl) {
    return [{ name: 'redis', level: 'ok', message: 'not configured: jobs run in-process' }];
  }
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  // Without a listener ioredis prints "Unhandled error event" with a stack; the first socket
  // error is also the useful reason ("Connection is closed" is all `connect` rejects with).
  let socketError: unknown = null;
  redis.on('error', (error: unknown) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return [{ name: 'redis', level: 'ok', message: 'reachable' }, await evictionPolicy(redis)];
  } catch (error) {
    const where = redactUrlPassword(config.redisUrl);
    const reason = connectionFailureReason(socketError ?? error);
    return [{ name: 'redis', level: 'error', message: `Redis at ${where}: ${reason}` }];
  } finally {
    redis.disconnect();
  }
}

// Under any other policy Redis may evict queue keys when memory runs short, losing jobs.
async function evictionPolicy(redis: Redis): Promise<Check> {
  const name = 'redis maxmemory-policy';
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? 'unknown';
    if (policy === 'noeviction') return { name, level: 'ok', message: policy };
    return {
      name,
      level: 'warn',
      message: `${policy}: set noeviction, or Redis may evict queued jobs when memory runs short`,
    };
  } catch {
    // Managed Redis services often disable CONFIG; the policy must then be checked by hand.
    return { name, level: 'warn', message: 'CONFIG GET is not allowed; check it is noeviction' };
  }
}

// A check's message with the error's stable code, as the CLI prints errors: `[code] message`.
function codedMessageOf(error: unknown): string {
  return error instanceof CrmMlError ? `[${error.code}] ${error.message}` : messageOf(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
