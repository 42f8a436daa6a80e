import { SeededRandom } from '../../core/ml/random.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';

const DAY_MS = 86_400_000;
// Wins come a few days after the action, well inside the default 30-day window.
const DAYS_TO_WIN = 5;
// Actions toward one contact are further apart than the window, so a win credits one action.
const DAYS_BETWEEN_ACTIONS = 40;

/** Where each simulated action is logged: its own activity type, or a note naming it. */
const LOGGED_AS: Record<string, ObjectType> = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
};

/** A simulated CRM: activities toward the contacts and the deals won after some of them. */
export interface SimulatedCrmHistory {
  activities: CrmRecord[];
  deals: CrmRecord[];
}

/** Which actions a period logs and when it ends. */
export interface HistoryPeriod {
  /** Prefix of the period's record ids, so two periods never share an id. */
  tag: string;
  /** Days before `now` of the period's last action. */
  endDaysAgo: number;
  actionsPerContact: number;
}

/**
 * Logs `period.actionsPerContact` uniformly chosen actions toward every contact as CRM
 * activities (calls, emails, meetings; other actions as notes tagged with the action in
 * `actionProperty`), with a won deal after each action the hidden `rates` make succeed:
 * the history the plugin reads from a real CRM, with a known truth behind it.
 */
export function simulatedCrmHistory(
  contacts: readonly CrmRecord[],
  actions: readonly string[],
  rates: readonly (readonly number[])[],
  period: HistoryPeriod,
  options: { seed: number; now: number; actionProperty: string },
): SimulatedCrmHistory {
  const random = new SeededRandom(options.seed);
  const history: SimulatedCrmHistory = { activities: [], deals: [] };
  const at = (days: number) => new Date(options.now - days * DAY_MS).toISOString();

  contacts.forEach((contact, c) => {
    for (let n = 0; n < period.actionsPerContact; n += 1) {
      const a = random.nextInt(actions.length);
      const action = actions[a] as string;
      const days = period.endDaysAgo + (period.actionsPerContact - 1 - n) * DAYS_BETWEEN_ACTIONS;
      const id = `${period.tag}-${contact.id}-${n}`;
      const type = LOGGED_AS[action] ?? 'notes';
      const properties: Record<string, PropertyValue> = { hs_timestamp: at(days) };
      if (type === 'notes') properties[options.actionProperty] = action;
      history.activities.push(record(type, id, properties, contact.id, options.now));
      if (random.next() < (rates[c]?.[a] ?? 0)) {
        const won = { dealstage: 'closedwon', closedate: at(days - DAYS_TO_WIN) };
        history.deals.push(record('deals', `${id}-deal`, won, contact.id, options.now));
      }
    }
  });
  return history;
}

/** Histories as `related`, one list per object type. */
export function historyRelated(...histories: SimulatedCrmHistory[]): RelatedRecords {
  const related = new Map<ObjectType, CrmRecord[]>();
  for (const type of ['calls', 'emails', 'meetings', 'notes'] as const) {
    related.set(
      type,
      histories.flatMap((h) => h.activities.filter((a) => a.objectType === type)),
    );
  }
  related.set(
    'deals',
    histories.flatMap((h) => h.deals),
  );
  return related;
}

function record(
  objectType: ObjectType,
  id: string,
  properties: Record<string, PropertyValue>,
  contactId: string,
  now: number,
): CrmRecord {
  const updatedAt = new Date(now).toISOString();
  return {
    id,
    objectType,
    properties,
    updatedAt,
    archived: false,
    associations: { contacts: [contactId] },
  };
}
