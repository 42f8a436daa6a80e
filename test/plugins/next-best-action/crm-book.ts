import { SeededRandom } from '../../../core/ml/random.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../../core/records/crm-record.js';
import type { RelatedRecords } from '../../../plugins/plugin.js';

/** The book's "now": every outcome window has closed by then. */
export const BOOK_NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY_MS = 86_400_000;
const TYPE_OF: Record<string, ObjectType> = { call: 'calls', email: 'emails', meeting: 'meetings' };

/** A small CRM: contacts, their calls, emails and meetings, and the deals they won. */
export interface CrmBook {
  contacts: CrmRecord[];
  activities: CrmRecord[];
  deals: CrmRecord[];
}

/** Chance that a deal is won within 30 days of each action, by plan. */
export type ResponseRule = (plan: 'enterprise' | 'starter', action: string) => number;

/** Enterprise accounts answer meetings, starter accounts answer emails, calls are middling. */
export const PLAN_RULE: ResponseRule = (plan, action) => {
  if (action === 'meeting') return plan === 'enterprise' ? 0.8 : 0.1;
  if (action === 'email') return plan === 'starter' ? 0.8 : 0.1;
  return 0.35;
};

function record(
  objectType: ObjectType,
  id: string,
  properties: Record<string, PropertyValue>,
  contacts?: string[],
): CrmRecord {
  return {
    id,
    objectType,
    properties,
    updatedAt: new Date(BOOK_NOW).toISOString(),
    archived: false,
    ...(contacts === undefined ? {} : { associations: { contacts } }),
  };
}

const daysAgo = (days: number): string => new Date(BOOK_NOW - days * DAY_MS).toISOString();

/**
 * `count` contacts alternating enterprise / starter, each with `perContact` actions 40 days
 * apart (so one win credits one action), the last 300 days ago, drawn uniformly from call,
 * email and meeting, and a won deal 5 days after each action that succeeded under `rule`.
 * Same seed, same book.
 */
export function generateBook(
  options: { seed?: number; count?: number; perContact?: number; rule?: ResponseRule } = {},
): CrmBook {
  const { seed = 5, count = 60, perContact = 4, rule = PLAN_RULE } = options;
  const rng = new SeededRandom(seed);
  const book: CrmBook = { contacts: [], activities: [], deals: [] };
  const actions = ['call', 'email', 'meeting'];

  for (let i = 0; i < count; i += 1) {
    const id = `p${i}`;
    const plan = i % 2 === 0 ? 'enterprise' : 'starter';
    book.contacts.push(
      record('contacts', id, {
        plan,
        seats: String(plan === 'enterprise' ? 50 + rng.nextInt(200) : 1 + rng.nextInt(9)),
        region: ['north', 'south', 'east'][i % 3] as string,
      }),
    );
    book.activities.push(...history(id, plan, perContact, rng, rule, book.deals, actions, 240));
  }
  return book;
}

/**
 * More history for the book's contacts, after all of the first: `perContact` actions drawn
 * from `actions`, 40 days apart, with wins under `rule`. Activity and deal ids are
 * new, so an update sees them as new outcomes.
 */
export function laterHistory(
  book: CrmBook,
  actions: readonly string[],
  rule: ResponseRule,
  options: { seed?: number; perContact?: number; tag?: string } = {},
): CrmBook {
  const { seed = 9, perContact = 3, tag = 'later' } = options;
  const rng = new SeededRandom(seed);
  const later: CrmBook = { contacts: book.contacts, activities: [], deals: [] };
  for (const contact of book.contacts) {
    const plan = contact.properties['plan'] === 'enterprise' ? 'enterprise' : 'starter';
    later.activities.push(
      ...history(contact.id, plan, perContact, rng, rule, later.deals, actions, 0, tag),
    );
  }
  return later;
}

function history(
  contactId: string,
  plan: 'enterprise' | 'starter',
  perContact: number,
  rng: SeededRandom,
  rule: ResponseRule,
  deals: CrmRecord[],
  actions: readonly string[],
  offsetDays: number,
  tag = 'a',
): CrmRecord[] {
  const activities: CrmRecord[] = [];
  for (let n = 0; n < perContact; n += 1) {
    const action = actions[rng.nextInt(actions.length)] as string;
    const day = 60 + offsetDays + (perContact - n) * 40;
    const id = `${contactId}-${tag}${n}`;
    activities.push(
      record(TYPE_OF[action] as ObjectType, id, { hs_timestamp: daysAgo(day) }, [contactId]),
    );
    if (rng.next() < rule(plan, action)) {
      deals.push(
        record('deals', `${id}-deal`, { dealstage: 'closedwon', closedate: daysAgo(day - 5) }, [
          contactId,
        ]),
      );
    }
  }
  return activities;
}

/** The book as `related`, split by object type, with extra activities mixed in. */
export function bookRelated(book: CrmBook, ...more: CrmBook[]): RelatedRecords {
  const all = [book, ...more];
  const related = new Map<ObjectType, CrmRecord[]>();
  for (const type of ['calls', 'emails', 'meetings', 'notes'] as const) {
    related.set(
      type,
      all.flatMap((b) => b.activities.filter((a) => a.objectType === type)),
    );
  }
  related.set(
    'deals',
    all.flatMap((b) => b.deals),
  );
  return related;
}

/** Activities and outcomes a CRM really holds: unknown actions, orphans, no dates, lone wins. */
export function awkwardRecords(contactId: string): CrmBook {
  return {
    contacts: [],
    activities: [
      record(
        'notes',
        'odd-action',
        { hs_timestamp: daysAgo(90), crm_ml_nba_logged_action: 'Send flowers' },
        [contactId],
      ),
      record('calls', 'odd-orphan', { hs_timestamp: daysAgo(90) }),
      record('emails', 'odd-undated', { hs_timestamp: 'last spring' }, [contactId]),
      record('meetings', 'odd-stranger', { hs_timestamp: daysAgo(90) }, ['nobody']),
      record('notes', 'odd-plain-note', { hs_timestamp: daysAgo(90), hs_note_body: 'hi' }, [
        contactId,
      ]),
    ],
    deals: [
      record('deals', 'odd-lone-win', { dealstage: 'closedwon', closedate: daysAgo(500) }, [
        contactId,
      ]),
    ],
  };
}
