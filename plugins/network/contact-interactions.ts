import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';
import { WeightedGraph } from './weighted-graph.js';

/** Records whose linked contacts talked to each other: emails, calls, meetings, notes, tickets. */
export const ACTIVITY_TYPES = [
  'emails',
  'calls',
  'meetings',
  'notes',
  'tickets',
] as const satisfies readonly ObjectType[];

/** Every object type the network is built from. */
export const NETWORK_INPUTS = [...ACTIVITY_TYPES, 'deals', 'companies'] as const;

/** How much one shared record of each kind ties its contacts together. */
export interface InteractionWeights {
  activity: number;
  deal: number;
  company: number;
  /** Records linking more contacts than this (mass mailings, huge accounts) tie nobody. */
  maxGroupSize: number;
}

/** The interaction graph of the linked contacts, and what could not be used. */
export interface ContactInteractions {
  /** Contacts with at least one tie, sorted: node i of `graph` is `contacts[i]`. */
  contacts: string[];
  graph: WeightedGraph;
  /** Per contact, how many shared records of each kind tie it to someone (`emails: 10`). */
  channels: Map<string, Map<string, number>>;
  /** Reasons records or links were left out, with counts. */
  skipped: Record<string, number>;
  /** A few of them, naming the record: `emails/123: contact 999 is not among the contacts`. */
  examples: string[];
}

const MAX_EXAMPLES = 5;

/**
 * Who talks to whom: contacts linked to the same activity, the same deal (directly or through
 * an activity on it) or the same company are tied, each record adding its kind's weight
 * divided by (linked contacts − 1), so every contact gets the same weight from one record
 * however many others share it. Links to contacts not among `records` are skipped and counted.
 */
export function contactInteractions(
  records: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  weights: InteractionWeights,
): ContactInteractions {
  const known = new Set(records.filter((r) => !r.archived).map((r) => r.id));
  const skipped: Record<string, number> = {};
  const examples: string[] = [];
  const skip = (reason: string, example: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
    if (examples.length < MAX_EXAMPLES) examples.push(example);
  };
  const groups = new Map<string, { kind: string; weight: number; members: Set<string> }>();
  const join = (key: string, kind: string, weight: number, contact: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind, weight, members: new Set() }));
    group.members.add(contact);
  };

  // Links listed from the record's side: one contact's own deals and companies.
  for (const contact of records) {
    if (contact.archived) continue;
    for (const id of contact.associations?.companies ?? []) {
      join(`companies/${id}`, 'companies', weights.company, contact.id);
    }
    for (const id of contact.associations?.deals ?? []) {
      join(`deals/${id}`, 'deals', weights.deal, contact.id);
    }
  }

  const linkedOf = (record: CrmRecord, where: string): string[] => {
    const ids = record.associations?.contacts ?? [];
    const linked = [...new Set(ids)];
    if (linked.length < ids.length) skip('repeated_contact', `${where}: a contact listed twice`);
    return linked.filter((id) => {
      if (known.has(id)) return true;
      skip('unknown_contact', `${where}: contact ${id} is not among the contacts`);
      return false;
    });
  };

  for (const type of ACTIVITY_TYPES) {
    for (const activity of related?.get(type) ?? []) {
      if (activity.archived) continue;
      const where = `${type}/${activity.id}`;
      const linked = linkedOf(activity, where);
      for (const contact of linked) {
        join(where, type, weights.activity, contact);
        // An activity on a deal or an account ties its contact to that deal's or account's people.
        for (const id of activity.associations?.deals ?? []) {
          join(`deals/${id}`, 'deals', weights.deal, contact);
        }
        for (const id of activity.associations?.companies ?? []) {
          join(`companies/${id}`, 'companies', weights.company, contact);
        }
      }
    }
  }
  for (const type of ['deals', 'companies'] as const) {
    const weight = type === 'deals' ? weights.deal : weights.company;
    for (const record of related?.get(type) ?? []) {
      if (record.archived) continue;
      const where = `${type}/${record.id}`;
      for (const contact of linkedOf(record, where)) join(where, type, weight, contact);
    }
  }

  return { ...tieGroups(groups, weights.maxGroupSize, skip), skipped, examples };
}

function tieGroups(
  groups: Map<string, { kind: string; weight: number; members: Set<string> }>,
  maxGroupSize: number,
  skip: (reason: string, example: string) => void,
): Omit<ContactInteractions, 'skipped' | 'examples'> {
  const pairs = new Map<string, { a: string; b: string; weight: number }>();
  const channels = new Map<string, Map<string, number>>();
  for (const [key, { kind, weight, members }] of [...groups].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (members.size < 2 || weight === 0) continue;
    if (members.size > maxGroupSize) {
      skip('group_too_large', `${key}: ${members.size} contacts, more than ${maxGroupSize}`);
      continue;
    }
    const list = [...members].sort();
    const share = weight / (list.length - 1);
    list.forEach((a, i) => {
      const counts = channels.get(a) ?? new Map<string, number>();
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      channels.set(a, counts);
      for (const b of list.slice(i + 1)) {
        const pairKey = `${a}\u0000${b}`;
        const pair = pairs.get(pairKey) ?? { a, b, weight: 0 };
        pair.weight += share;
        pairs.set(pairKey, pair);
      }
    });
  }

  const contacts = [...channels.keys()].sort();
  const index = new Map(contacts.map((id, i) => [id, i]));
  const edges = [...pairs.values()].map(
    ({ a, b, weight }) => [index.get(a) as number, index.get(b) as number, weight] as const,
  );
  return {
    contacts,
    graph: WeightedGraph.fromEdges(contacts.length, edges),
    channels,
  };
}
