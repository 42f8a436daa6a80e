import type {
  Connector,
  ConnectorDescriptor,
  FieldSpec,
  FieldUpdate,
  ProvisionResult,
  SyncPage,
  WriteOutcome,
} from '../../connectors/connector.js';
import { realSleep, type Sleep } from '../../connectors/shared/backoff.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import { RestJsonClient } from './rest-json-client.js';
import type { Position, WireRecord } from './rest-json-wire.js';

export interface RestJsonConnectorOptions {
  baseUrl: string;
  token: string;
  /** Per request; default 10000. */
  timeoutMs?: number;
  /** Injectable so tests do not wait out backoffs. */
  sleep?: Sleep;
}

/** The CRM's facts, as data. */
const descriptor: ConnectorDescriptor = {
  id: 'rest-json',
  label: 'REST/JSON CRM (example)',
  objectTypes: ['contacts'],
  readPageSize: 50,
  writeBatchSize: 100,
  cursorField: 'updated_at',
};

/**
 * A connector for a generic REST/JSON CRM whose records carry `updated_at`: the example of
 * "Writing a connector". Sync pages by the pair (updated_at, id), so every page ends on a
 * record and its cursor resumes right after it, however many records share one time.
 */
export function createRestJsonConnector(options: RestJsonConnectorOptions): Connector {
  const client = new RestJsonClient({
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: 5,
    sleep: options.sleep ?? realSleep,
  });

  return {
    descriptor,
    read: (objectType, cursor, readOptions = {}) =>
      read(client, objectType, cursor === null ? null : decode(cursor), readOptions.properties),
    count: async () => (await client.request<{ count: number }>('GET', '/records/count')).count,
    provisionFields: (_objectType, fields) => provisionFields(client, fields),
    write: (_objectType, updates) => write(client, updates),
    fetch: async (objectType, ids, properties) => {
      const query = `/records?ids=${ids.map(encodeURIComponent).join(',')}`;
      const { records } = await client.request<{ records: WireRecord[] }>('GET', query);
      return records.map((record) => toCrmRecord(objectType, record, properties));
    },
  };
}

async function* read(
  client: RestJsonClient,
  objectType: ObjectType,
  start: Position | null,
  names: readonly string[] | undefined,
): AsyncGenerator<SyncPage> {
  let position = start;
  for (;;) {
    const query = new URLSearchParams({ limit: String(descriptor.readPageSize) });
    if (position !== null) {
      query.set('updated_since', position.since);
      query.set('after', position.after);
    }
    const { records } = await client.request<{ records: WireRecord[] }>('GET', `/records?${query}`);

    const last = records.at(-1);
    if (last !== undefined) position = { since: last.updated_at, after: last.id };
    // A full sync from nothing still hands back a cursor: the start of time.
    const cursor = encode(position ?? { since: new Date(0).toISOString(), after: '' });
    yield {
      records: records.filter((r) => !r.deleted).map((r) => toCrmRecord(objectType, r, names)),
      deletedIds: records.filter((r) => r.deleted).map((r) => r.id),
      cursor,
    };
    if (records.length < descriptor.readPageSize) return;
  }
}

async function provisionFields(
  client: RestJsonClient,
  fields: readonly FieldSpec[],
): Promise<ProvisionResult> {
  const { fields: existing } = await client.request<{ fields: { name: string }[] }>(
    'GET',
    '/fields',
  );
  const names = new Set(existing.map((field) => field.name));
  const result: ProvisionResult = { created: [], existing: [] };
  for (const { name, type, label } of fields) {
    if (names.has(name)) {
      result.existing.push(name);
      continue;
    }
    await client.request('POST', '/fields', { name, type, label });
    result.created.push(name);
  }
  return result;
}

async function write(
  client: RestJsonClient,
  updates: readonly FieldUpdate[],
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (let offset = 0; offset < updates.length; offset += descriptor.writeBatchSize) {
    const chunk = updates.slice(offset, offset + descriptor.writeBatchSize);
    const body = {
      updates: chunk.map((update) => ({ id: update.recordId, fields: update.values })),
    };
    const { results } = await client.request<{ results: BatchResult[] }>(
      'PATCH',
      '/records/batch',
      body,
    );
    outcomes.push(...results.map(toOutcome));
  }
  return outcomes;
}

type BatchResult =
  { id: string; ok: true } | { id: string; ok: false; error: { code: string; message: string } };

function toOutcome(result: BatchResult): WriteOutcome {
  if (result.ok) return { recordId: result.id, ok: true };
  const { code, message } = result.error;
  return { recordId: result.id, ok: false, code: `rest_json_${code}`, message, retryable: false };
}

function toCrmRecord(
  objectType: ObjectType,
  wire: WireRecord,
  names?: readonly string[],
): CrmRecord {
  const properties =
    names === undefined
      ? { ...wire.fields }
      : Object.fromEntries(names.map((name) => [name, wire.fields[name] ?? null]));
  return {
    id: wire.id,
    objectType,
    properties,
    updatedAt: wire.updated_at,
    archived: false,
    raw: wire,
  };
}

function encode(position: Position): string {
  return JSON.stringify(position);
}

function decode(cursor: string): Position {
  let parsed: Partial<Position> = {};
  try {
    parsed = JSON.parse(cursor) as Partial<Position>;
  } catch {
    // Falls through to the error below, which names the cursor.
  }
  if (typeof parsed.since !== 'string' || typeof parsed.after !== 'string') {
    throw new CrmMlError('rest_json_invalid_cursor', `not a cursor of this connector: ${cursor}`);
  }
  return { since: parsed.since, after: parsed.after };
}
