import type { CrmRecord, ObjectType } from '../../core/records/crm-record.js';
import type { RelatedRecords } from '../plugin.js';
import { activityTime } from './activity-time.js';
import { ACTION_ACTIVITY_TYPES, type NextBestActionOptions } from './next-best-action-options.js';
import { outcomeJudge } from './outcome-judge.js';

/** One past action of a rep toward a contact and what came of it. */
export interface ActionEvent {
  /** `<activity id>:<contact id>`: an activity linked to two contacts is two events. */
  key: string;
  contactId: string;
  action: string;
  time: number;
  /** 1 when a success followed (as the `reward` option defines it), else 0. */
  reward: number;
}

/** An action found before its outcome is judged, with the activity it came from. */
export interface PendingEvent extends Omit<ActionEvent, 'reward'> {
  activity: CrmRecord;
}

/** Why an activity or outcome was not learned from. */
export type SkipReason =
  | 'unknown_action'
  | 'not_an_action'
  | 'no_contact'
  | 'unknown_contact'
  | 'undated'
  | 'outcome_pending'
  | 'no_outcome'
  | 'outcome_without_action';

/**
 * Reasons that point at data a CRM admin may want to fix. The others are normal: notes that
 * name no action, windows still open, deals won without a logged action (inbound deals).
 */
export const PROBLEM_REASONS: readonly SkipReason[] = ['unknown_action', 'no_contact', 'undated'];

/** The events learned from, and what was left out and why. */
export interface ActionHistory {
  events: ActionEvent[];
  skipped: Partial<Record<SkipReason, number>>;
  /** Up to five ids or names per reason, for the log. */
  examples: Partial<Record<SkipReason, string[]>>;
  /** The time outcomes are judged at: a window not over by then is still open. */
  reference: number;
}

/** Records what was skipped, keeping a few examples of each reason. */
export class SkipCounter {
  readonly skipped: Partial<Record<SkipReason, number>> = {};
  readonly examples: Partial<Record<SkipReason, string[]>> = {};

  add(reason: SkipReason, example: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    const list = (this.examples[reason] ??= []);
    if (list.length < 5 && !list.includes(example)) list.push(example);
  }
}

/**
 * The past actions toward `contacts` found in the activities of `related` (calls, emails,
 * meetings, notes), each with its outcome as of `now`, in a canonical order (by key) so the
 * input order changes nothing. Activities that are not usable are counted by reason, never
 * fatal.
 */
export function actionHistory(
  contacts: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  options: NextBestActionOptions,
  now: number,
): ActionHistory {
  const known = new Set(contacts.map((contact) => contact.id));
  const actions = new Set(options.actions);
  const counter = new SkipCounter();
  const found: PendingEvent[] = [];

  for (const type of ACTION_ACTIVITY_TYPES) {
    for (const activity of related?.get(type as ObjectType) ?? []) {
      if (activity.archived) continue;
      const action = actionOf(activity, type, options);
      if (action === undefined) {
        counter.add('not_an_action', activity.id);
        continue;
      }
      if (!actions.has(action)) {
        counter.add('unknown_action', action);
        continue;
      }
      const time = activityTime(activity);
      if (time === undefined) {
        counter.add('undated', activity.id);
        continue;
      }
      const linked = [...new Set(activity.associations?.contacts ?? [])];
      if (linked.length === 0) counter.add('no_contact', activity.id);
      for (const contactId of linked) {
        if (!known.has(contactId)) {
          counter.add('unknown_contact', `${activity.id}→${contactId}`);
          continue;
        }
        found.push({ key: `${activity.id}:${contactId}`, contactId, action, time, activity });
      }
    }
  }

  const judge = outcomeJudge(contacts, related, options.reward, found, counter);
  const events: ActionEvent[] = [];
  for (const event of found) {
    const outcome = judge.outcome(event, now);
    const { key, contactId, action, time } = event;
    if (typeof outcome === 'number') events.push({ key, contactId, action, time, reward: outcome });
    else counter.add(outcome, key);
  }
  events.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { events, skipped: counter.skipped, examples: counter.examples, reference: now };
}

function actionOf(
  activity: CrmRecord,
  type: (typeof ACTION_ACTIVITY_TYPES)[number],
  options: NextBestActionOptions,
): string | undefined {
  const named = activity.properties[options.actionProperty];
  // 'Offer discount' and 'offer-discount' name the action offer_discount.
  if (typeof named === 'string' && named.trim() !== '') {
    return named
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
  }
  return options.actionByType[type];
}
