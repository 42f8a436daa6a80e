import { loadConfig } from '../../config/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import type { ObjectType } from '../../records/crm-record.js';
import { openConfiguredConnection, parseCrm } from '../../runtime/configured-crm.js';
import type { ConfigurableCrm } from '../../runtime/configurable-crms.js';
import { configuredPlugins } from '../../runtime/default-registries.js';
import { openConfiguredStore } from '../../jobs/worker-store.js';
import { fieldsToProvision, pluginsWritingTo } from '../../writeback/own-fields.js';
import { printError, printResult } from '../output.js';
import type { UninstallFlags } from './uninstall-command.js';

/** What `crm-ml uninstall` removed, per object type. */
export interface UninstallSummary {
  crm: ConfigurableCrm;
  connection_id: string;
  removed: Partial<Record<ObjectType, string[]>>;
  missing: Partial<Record<ObjectType, string[]>>;
  /** Records' written values the store forgot, so the next run writes them all again. */
  forgotten: number;
}

/** What `uninstall` does once commander has parsed its flags. */
export async function runUninstall(flags: UninstallFlags): Promise<void> {
  try {
    const summary = await uninstall(flags);
    printResult(flags, summary, () => describe(summary));
  } catch (error) {
    printError(flags, error);
  }
}

async function uninstall(flags: UninstallFlags): Promise<UninstallSummary> {
  const config = loadConfig(process.env, flags.config ? { configPath: flags.config } : {});
  const wanted = parseCrm(flags.crm);
  // Every registered plugin's fields, enabled or not: a plugin switched off still left some.
  const plugins = (await configuredPlugins(config)).list();
  const { crm, connectionId, connector } = await openConfiguredConnection(config, wanted);
  const store = await openConfiguredStore(config).catch(async (error: unknown) => {
    await connector.close?.();
    throw error;
  });
  try {
    if (connector.removeFields === undefined) {
      throw new CrmMlError('uninstall_unsupported', `The ${crm} connector cannot remove fields`);
    }
    const summary: UninstallSummary = {
      crm,
      connection_id: connectionId,
      removed: {},
      missing: {},
      forgotten: 0,
    };
    for (const objectType of new Set(plugins.map((plugin) => plugin.objectType))) {
      const ofType = plugins.filter((p) => p.objectType === objectType);
      const names = fieldsToProvision(ofType).map((field) => field.name);
      const result = await connector.removeFields(objectType, [...new Set(names)]);
      summary.removed[objectType] = result.removed;
      summary.missing[objectType] = result.missing;
      // What the store says the CRM holds is gone with the fields, also those already missing.
      for (const plugin of pluginsWritingTo(ofType, [...result.removed, ...result.missing])) {
        summary.forgotten += await store.outbox.forgetWritten(connectionId, objectType, plugin.id);
      }
    }
    return summary;
  } finally {
    await store.close();
    await connector.close?.();
  }
}

function describe(summary: UninstallSummary): string {
  const count = (lists: Partial<Record<string, string[]>>): number =>
    Object.values(lists).reduce((sum, list) => sum + (list?.length ?? 0), 0);
  return (
    `uninstalled from ${summary.crm} (${summary.connection_id}): ` +
    `${count(summary.removed)} fields removed, ${count(summary.missing)} already gone; ` +
    `${summary.forgotten} written values forgotten, so the next run writes them again`
  );
}
