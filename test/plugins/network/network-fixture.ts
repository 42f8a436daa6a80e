import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { CrmRecord, ObjectType } from '../../../core/records/crm-record.js';
import { parseEdgeList } from '../../../plugins/network/index.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';

const FIXTURES = new URL('../../fixtures/network/', import.meta.url);

/** A fixture file's path inside the repository. */
export const fixturePath = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

/** The two-cliques-and-a-bridge edges (see test/fixtures/network/README.md). */
export const twoCliqueEdges = parseEdgeList(
  readFileSync(fixturePath('two-cliques-bridge.txt'), 'utf8'),
  'two-cliques-bridge.txt',
).edges;

const UPDATED = '2024-05-01T00:00:00.000Z';
const COMPANIES: Record<string, string> = { a: 'Acme Corp', b: 'Globex', x: 'Initech' };

/** A contact named after its node, working at its group's company. */
export function contact(id: string, properties: CrmRecord['properties'] = {}): CrmRecord {
  return {
    id,
    objectType: 'contacts',
    properties: {
      firstname: id.toUpperCase(),
      lastname: 'Person',
      company: COMPANIES[id[0] as string] ?? null,
      ...properties,
    },
    updatedAt: UPDATED,
    archived: false,
  };
}

/** An activity of `type` linking `contacts`. */
export function activity(type: ObjectType, id: string, contacts: string[]): CrmRecord {
  return {
    id,
    objectType: type,
    properties: { hs_timestamp: UPDATED },
    updatedAt: UPDATED,
    archived: false,
    associations: { contacts },
  };
}

/**
 * The fixture as CRM records: clique a talks by email, clique b by phone, and x meets both.
 * Every tie is one shared record with the two contacts linked.
 */
export function cliqueCrm(): { records: CrmRecord[]; related: Map<ObjectType, CrmRecord[]> } {
  const ids = [...new Set(twoCliqueEdges.flatMap(([a, b]) => [a, b]))].sort();
  const related = new Map<ObjectType, CrmRecord[]>([
    ['emails', []],
    ['calls', []],
    ['meetings', []],
  ]);
  twoCliqueEdges.forEach(([a, b], k) => {
    const type: ObjectType = a === 'x' ? 'meetings' : a.startsWith('a') ? 'emails' : 'calls';
    related.get(type)?.push(activity(type, `${type}-${k}`, [a, b]));
  });
  return { records: ids.map((id) => contact(id)), related };
}

/** `cliqueCrm` with bad links mixed in and a contact nobody talks to. */
export function cliqueCrmWithBadLinks(): { records: CrmRecord[]; related: RelatedRecords } {
  const { records, related } = cliqueCrm();
  const emails = related.get('emails') ?? [];
  emails.push(
    activity('emails', 'to-ghost', ['a1', 'ghost']),
    activity('emails', 'to-self', ['b4', 'b4']),
    { ...activity('emails', 'archived', ['a5', 'b5']), archived: true },
    activity('emails', 'nobody', []),
  );
  const noLinks: CrmRecord = { ...activity('notes', 'no-links', []) };
  delete noLinks.associations;
  related.set('notes', [noLinks]);
  return { records: [...records, contact('loner')], related };
}
