import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino } from 'pino';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import {
  createNextBestActionPlugin,
  NBA_ACTION_FIELD,
  NBA_REASON_FIELD,
} from '../../../plugins/next-best-action/index.js';
import type { RecordScore, RelatedRecords, TrainContext } from '../../../plugins/plugin.js';
import {
  awkwardRecords,
  BOOK_NOW,
  bookRelated,
  generateBook,
  laterHistory,
  PLAN_RULE,
} from './crm-book.js';

const ACTIONS = ['call', 'email', 'meeting', 'do_nothing'];
const quiet = pino({ level: 'silent' });
const DAY_MS = 86_400_000;
const plugin = createNextBestActionPlugin({ clock: () => BOOK_NOW });
const book = generateBook();
const related = bookRelated(book);

function context(options: Record<string, unknown>, rel: RelatedRecords, seed = 42): TrainContext {
  return { logger: quiet, seed, options: { actions: ACTIONS, ...options }, related: rel };
}

/** Share of contacts of `plan` whose recommendation is `action`. */
function shareOf(scores: readonly RecordScore[], plan: string, action: string): number {
  const ids = new Set(book.contacts.filter((c) => c.properties['plan'] === plan).map((c) => c.id));
  const own = scores.filter((score) => ids.has(score.recordId));
  return own.filter((score) => score.values[NBA_ACTION_FIELD] === action).length / own.length;
}

describe('next-best-action plugin', () => {
  it('learns from past actions and won deals which action suits which contact', async () => {
    const model = await plugin.train(book.contacts, context({}, related));
    const scores = await model.score(book.contacts);

    // Enterprise accounts won after meetings, starter accounts after emails (crm-book.ts).
    assert.ok(shareOf(scores, 'enterprise', 'meeting') >= 0.8, 'enterprise → meeting');
    assert.ok(shareOf(scores, 'starter', 'email') >= 0.8, 'starter → email');
    assert.ok(model.metrics['held_out_brier']! < model.metrics['held_out_baseline_brier']!);
    assert.equal(model.metrics['skipped_outcome_pending'], undefined);
  });

  it('waits for the outcome of actions whose window has not ended yet', async () => {
    // 320 days before the book's now, the last action of each contact (340 days) is 20 days
    // old: it waits, won or not, while the three before it are judged.
    const early = createNextBestActionPlugin({ clock: () => BOOK_NOW - 320 * DAY_MS });
    const model = await early.train(book.contacts, context({}, related));
    assert.equal(model.metrics['events'], 180);
    assert.equal(model.metrics['skipped_outcome_pending'], 60);
  });

  it('moves the choice when new outcomes say otherwise, leaving the old model as it was', async () => {
    const model = await plugin.train(book.contacts, context({}, related));
    const before = await model.score(book.contacts);
    // Later on, emails stop working for starter accounts and calls start to.
    const later = laterHistory(
      book,
      ['call', 'email'],
      (plan, action) => {
        if (plan !== 'starter') return PLAN_RULE(plan, action);
        return action === 'call' ? 0.95 : 0.02;
      },
      { perContact: 6 },
    );
    const updated = await model.update!(book.contacts, context({}, bookRelated(book, later)));
    const after = await updated.score(book.contacts);

    assert.ok(shareOf(before, 'starter', 'email') >= 0.8);
    assert.ok(shareOf(after, 'starter', 'call') >= 0.8, 'starter → call after the update');
    assert.ok(shareOf(after, 'enterprise', 'meeting') >= 0.8, 'enterprise unchanged');
    assert.ok(updated.metrics['update_events']! > 100);
    assert.ok(updated.metrics['update_brier_after']! < updated.metrics['update_brier_before']!);
    assert.deepEqual(await model.score(book.contacts), before, 'the old model is unchanged');

    // The same outcomes again are not new: nothing is counted twice.
    const again = await updated.update!(book.contacts, context({}, bookRelated(book, later)));
    assert.equal(again.metrics['update_events'], 0);
    assert.deepEqual(await again.score(book.contacts), after);
  });

  it('scores and explains identically after a JSON round trip of the saved model', async () => {
    const model = await plugin.train(book.contacts, context({}, related));
    const loaded = await plugin.load(JSON.parse(JSON.stringify(model.save())));
    assert.deepEqual(await loaded.score(book.contacts), await model.score(book.contacts));
    const contact = book.contacts[0]!;
    assert.deepEqual(await loaded.explain!(contact), await model.explain!(contact));
    assert.match((await model.explain!(contact))[0]!, /^meeting: \d+ % expected success vs/);
  });

  it('explores only the configured share of contacts, and says so', async () => {
    const reasons = async (rate: number) => {
      const model = await plugin.train(book.contacts, context({ exploration: { rate } }, related));
      const scores = await model.score(book.contacts);
      return scores.filter((s) => String(s.values[NBA_REASON_FIELD]).endsWith('; exploring'));
    };
    assert.equal((await reasons(0)).length, 0);
    const half = (await reasons(0.5)).length;
    assert.ok(half > 15 && half < 45, `about half of 60 explore, got ${half}`);
    assert.equal((await reasons(1)).length, book.contacts.length);
  });

  it('skips unknown actions, orphans, undated activities and lone wins, with the reason', async () => {
    const lines: { level: number; msg: string; skipped?: Record<string, number> }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line)) },
    );
    const awkward = awkwardRecords('p1');
    const model = await plugin.train(book.contacts, {
      ...context({}, bookRelated(book, awkward)),
      logger,
    });
    const { metrics } = model;
    assert.equal(metrics['skipped_unknown_action'], 1);
    assert.equal(metrics['skipped_no_contact'], 1);
    assert.equal(metrics['skipped_undated'], 1);
    assert.equal(metrics['skipped_unknown_contact'], 1);
    assert.equal(metrics['skipped_not_an_action'], 1);
    assert.equal(metrics['skipped_outcome_without_action'], 1);
    const warning = lines.find((line) => line.level === 40);
    // Lone wins and plain notes are routine: counted, but not worth a warning.
    assert.match(warning?.msg ?? '', /skipped \(unknown_action, no_contact, undated\)$/);
    assert.equal((await model.score(book.contacts)).length, book.contacts.length);
  });

  it('sits the run out with a stated reason when there is no history to learn from', async () => {
    const empty = bookRelated({ contacts: [], activities: [], deals: [] });
    await assert.rejects(plugin.train(book.contacts, context({}, empty)), (error) => {
      assert.ok(error instanceof CrmMlError);
      assert.equal(error.code, 'next_best_action_too_few_outcomes');
      assert.equal((error as CrmMlError & { missingData?: boolean }).missingData, true);
      assert.match(error.message, /0 past actions with a known outcome/);
      return true;
    });
  });

  it('refuses options of the wrong type or naming unknown actions, naming the option', async () => {
    const refused = async (options: Record<string, unknown>, path: RegExp) =>
      assert.rejects(plugin.train(book.contacts, context(options, related)), (error) => {
        assert.ok(error instanceof CrmMlError);
        assert.equal(error.code, 'next_best_action_options_invalid');
        assert.match(error.message, path);
        return true;
      });
    await refused({ actions: 'call' }, /'actions'/);
    await refused({ actions: ['call', 'Call me'] }, /'actions\.1'/);
    await refused(
      { actionByType: { calls: 'phone' } },
      /'actionByType\.calls'.*'phone' is not one/,
    );
    await refused({ baselineAction: 'wait' }, /'baselineAction'/);
    await refused({ exploration: { rate: 2 } }, /'exploration\.rate'/);
    await refused({ exploration: { strategy: 'greedy' } }, /'exploration\.strategy'/);
    await refused({ reward: { source: 'deal', windowDays: '30' } }, /'reward\.windowDays'/);
    await refused({ reward: { source: 'activity' } }, /'reward\.property'/);
  });

  it('refuses an update that changes the action set', async () => {
    const model = await plugin.train(book.contacts, context({}, related));
    await assert.rejects(
      model.update!(book.contacts, {
        ...context({}, related),
        options: { actions: ['call', 'email'] },
      }),
      (error) =>
        error instanceof CrmMlError && error.code === 'next_best_action_update_actions_changed',
    );
  });
});
