import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FakeCrmData } from './fake-crm-data.js';
import type { Position, WireRecord } from './rest-json-wire.js';

export interface FakeRestCrmOptions {
  /** Share of requests (0..1) answered with a 429, a 503 or a hang; default 0. */
  faultRate?: number;
  /** How long a hang lasts before the socket is dropped; default 300 ms. */
  hangMs?: number;
}

/** A running fake CRM: its URL, its data for tests, and switches for trouble. */
export interface FakeRestCrm {
  readonly url: string;
  readonly data: FakeCrmData;
  /** The bearer token requests must carry; `expireToken` replaces it. */
  readonly token: () => string;
  expireToken(): void;
  faultsInjected(): number;
  close(): Promise<void>;
}

/**
 * A small seeded generator (a linear congruential one, constants of Numerical Recipes), so a
 * run with faults repeats request for request.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** Largest `limit` the fake accepts, like a real API's page cap. */
export const MAX_PAGE = 50;

type Json = Record<string, unknown>;

/**
 * Starts the example's in-process CRM on 127.0.0.1: `GET /records`, `GET /records/count`,
 * `PATCH /records/batch`, `GET /fields` and `POST /fields`, with a bearer token.
 */
export async function startFakeRestCrm(options: FakeRestCrmOptions = {}): Promise<FakeRestCrm> {
  const data = new FakeCrmData();
  const random = seededRandom(7);
  const hanging = new Set<NodeJS.Timeout>();
  let token = 'token-1';
  let faults = 0;

  const server = createServer((request, response) => {
    if (random() < (options.faultRate ?? 0)) {
      faults += 1;
      injectFault(random(), response, hanging, options.hangMs ?? 300);
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      send(response, 401, { error: { code: 'token_expired', message: 'log in again' } });
      return;
    }
    readBody(request)
      .then((body) => route(data, request, body, response))
      .catch((error: unknown) => send(response, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    data,
    token: () => token,
    expireToken: () => (token = `${token}+`),
    faultsInjected: () => faults,
    close: async () => {
      for (const timer of hanging) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function route(data: FakeCrmData, request: IncomingMessage, body: Json, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://fake');
  const key = `${request.method} ${url.pathname}`;
  const query = url.searchParams;

  if (key === 'GET /records/count') return send(response, 200, { count: data.liveCount() });
  if (key === 'GET /records' && query.has('ids')) {
    const ids = (query.get('ids') ?? '').split(',');
    const records = ids.map((id) => data.records.get(id)).filter((r) => r && !r.deleted);
    return send(response, 200, { records });
  }
  if (key === 'GET /records') {
    const limit = Math.min(Number(query.get('limit') ?? MAX_PAGE), MAX_PAGE);
    const since = query.get('updated_since');
    const from: Position | null =
      since === null ? null : { since, after: query.get('after') ?? '' };
    return send(response, 200, { records: data.page(from, limit) });
  }
  if (key === 'PATCH /records/batch') return send(response, 200, patchBatch(data, body));
  if (key === 'GET /fields') {
    const fields = [...data.fields].map(([name, type]) => ({ name, type }));
    return send(response, 200, { fields });
  }
  if (key === 'POST /fields') {
    const name = String(body['name']);
    if (data.fields.has(name)) return send(response, 409, { error: { code: 'field_exists' } });
    data.fields.set(name, String(body['type']));
    return send(response, 201, { name });
  }
  send(response, 404, { error: { code: 'not_found', message: key } });
}

/** Applies each update on its own: one bad record never fails the others. */
function patchBatch(data: FakeCrmData, body: Json): Json {
  const updates = (body['updates'] ?? []) as Pick<WireRecord, 'id' | 'fields'>[];
  const results = updates.map(({ id, fields }) => {
    const record = data.records.get(id);
    if (record === undefined || record.deleted) return failure(id, 'not_found', 'no such record');
    if (data.failingIds.has(id)) return failure(id, 'rejected', 'a validation rule rejected it');
    const unknown = Object.keys(fields).find((name) => !data.fields.has(name));
    if (unknown !== undefined) return failure(id, 'unknown_field', `no field ${unknown}`);
    data.update(id, fields);
    return { id, ok: true };
  });
  return { results };
}

function failure(id: string, code: string, message: string): Json {
  return { id, ok: false, error: { code, message } };
}

function injectFault(
  draw: number,
  response: ServerResponse,
  hanging: Set<NodeJS.Timeout>,
  hangMs: number,
) {
  if (draw < 1 / 3)
    return send(response, 429, { error: { code: 'rate_limited' } }, { 'retry-after': '0' });
  if (draw < 2 / 3) return send(response, 503, { error: { code: 'unavailable' } });
  const timer = setTimeout(() => response.socket?.destroy(), hangMs);
  hanging.add(timer);
}

function send(
  response: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
}
