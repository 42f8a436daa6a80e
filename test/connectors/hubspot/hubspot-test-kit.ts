import type { Connector, SyncPage } from '../../../connectors/connector.js';
import {
  createHubSpotConnector,
  type HubSpotConnectorOptions,
} from '../../../connectors/hubspot/index.js';
import type { HubSpotSandbox } from '../../../connectors/hubspot/sandbox/index.js';
import type { ObjectType } from '../../../core/records/crm-record.js';

/** Generous limits so tests that do not test pacing never meet it. */
export const NO_LIMITS = {
  rateLimit: { max: 1_000_000, intervalMs: 10_000 },
  searchPerSecond: 1_000_000,
};

/** A sleep that records the waits it was asked for and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A connector against the sandbox with the real client; waits are recorded, not slept. */
export function sandboxConnector(
  sandbox: HubSpotSandbox,
  options: Partial<HubSpotConnectorOptions> = {},
): { connector: Connector; waits: number[] } {
  const { sleep, waits } = recordingSleep();
  const connector = createHubSpotConnector({
    accessToken: 't',
    basePath: sandbox.url,
    sleep,
    ...options,
  });
  return { connector, waits };
}

/** Reads every page of one sync and returns them, the last cursor too. */
export async function readAll(
  connector: Connector,
  objectType: ObjectType,
  cursor: string | null,
  properties?: readonly string[],
): Promise<{ pages: SyncPage[]; ids: string[]; deletedIds: string[]; cursor: string }> {
  const pages: SyncPage[] = [];
  const options = properties === undefined ? {} : { properties };
  for await (const page of connector.read(objectType, cursor, options)) pages.push(page);

  const last = pages.at(-1);
  if (last === undefined) throw new Error('read yielded no page');
  return {
    pages,
    ids: pages.flatMap((page) => page.records.map((record) => record.id)),
    deletedIds: pages.flatMap((page) => page.deletedIds),
    cursor: last.cursor,
  };
}
