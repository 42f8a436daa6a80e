import { parseTimestamp } from '../../core/ml/parse-timestamp.js';
import type { CrmRecord, PropertyValue } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';
import type { PendingEvent, SkipCounter, SkipReason } from './action-history.js';
import type { RewardDefinition } from './next-best-action-options.js';

const DAY_MS = 86_400_000;

/** Says what came of one action: 1 success, 0 none, or why it cannot be said yet. */
export interface OutcomeJudge {
  /** The outcome as of `now`: a deal window not over by then is still open. */
  outcome(event: PendingEvent, now: number): number | SkipReason;
}

/**
 * The outcome rule of the `reward` option: a value on the activity (a call's disposition,
 * an email's reply flag), a value on the contact (still a customer), or a deal of the contact
 * won within `windowDays` after the action. Won deals no action preceded are counted as
 * `outcome_without_action`: they are evidence for no action.
 */
export function outcomeJudge(
  contacts: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  reward: RewardDefinition,
  events: readonly PendingEvent[],
  counter: SkipCounter,
): OutcomeJudge {
  if (reward.source === 'activity') {
    const success = valueSet(reward.values);
    return {
      // A blank outcome means nothing came back (no reply, not connected).
      outcome: (event) =>
        success.has(normalise(event.activity.properties[reward.property])) ? 1 : 0,
    };
  }

  if (reward.source === 'contact') {
    const success = valueSet(reward.values);
    const values = new Map(contacts.map((c) => [c.id, c.properties[reward.property]]));
    return {
      outcome: (event) => {
        const value = normalise(values.get(event.contactId));
        if (value === '') return 'no_outcome';
        return success.has(value) ? 1 : 0;
      },
    };
  }

  const window = reward.windowDays * DAY_MS;
  const wins = wonDealTimes(contacts, related, reward, counter);
  countUnexplainedWins(wins, events, window, counter);
  return {
    outcome: (event, now) => {
      // An open window waits even when a win is already in: counting early wins but not
      // early misses would make recent actions look better than they are.
      if (event.time + window > now) return 'outcome_pending';
      const times = wins.get(event.contactId) ?? [];
      return times.some((t) => t > event.time && t <= event.time + window) ? 1 : 0;
    },
  };
}

type DealReward = Extract<RewardDefinition, { source: 'deal' }>;

function wonDealTimes(
  contacts: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  reward: DealReward,
  counter: SkipCounter,
): Map<string, number[]> {
  const known = new Set(contacts.map((contact) => contact.id));
  const won = valueSet(reward.wonStages);
  const byContact = new Map<string, number[]>();

  for (const deal of related?.get('deals') ?? []) {
    if (deal.archived || !won.has(normalise(deal.properties[reward.stageProperty]))) continue;
    const raw = deal.properties[reward.timeProperty];
    const time = typeof raw === 'boolean' ? null : parseTimestamp(raw);
    if (time === null) {
      counter.add('undated', deal.id);
      continue;
    }
    const linked = [...new Set(deal.associations?.contacts ?? [])].filter((id) => known.has(id));
    if (linked.length === 0) counter.add('no_contact', deal.id);
    for (const contactId of linked) {
      const times = byContact.get(contactId) ?? [];
      times.push(time);
      byContact.set(contactId, times);
    }
  }
  return byContact;
}

function countUnexplainedWins(
  wins: ReadonlyMap<string, number[]>,
  events: readonly PendingEvent[],
  window: number,
  counter: SkipCounter,
): void {
  const actionTimes = new Map<string, number[]>();
  for (const event of events) {
    const times = actionTimes.get(event.contactId) ?? [];
    times.push(event.time);
    actionTimes.set(event.contactId, times);
  }
  for (const [contactId, times] of wins) {
    const acted = actionTimes.get(contactId) ?? [];
    for (const won of times) {
      if (!acted.some((t) => won > t && won <= t + window)) {
        counter.add('outcome_without_action', contactId);
      }
    }
  }
}

function valueSet(values: readonly string[]): Set<string> {
  return new Set(values.map(normalise));
}

function normalise(value: PropertyValue | undefined): string {
  return value === undefined || value === null ? '' : String(value).trim().toLowerCase();
}
