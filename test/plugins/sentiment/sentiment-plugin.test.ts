import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { createLogger } from '../../../core/logging/logger.js';
import type { RecordScore, SavedModel, TrainedModel } from '../../../plugins/plugin.js';
import { createSentimentPlugin, SentimentModel } from '../../../plugins/sentiment/index.js';
import { contact, NOW, relatedOf, textRecord } from './sentiment-fixture.js';

const logger = createLogger('test.sentiment');
const plugin = createSentimentPlugin({ clock: () => NOW });

const contacts = ['happy', 'souring', 'zh', 'silent', 'lapsed', 'odd', 'shared'].map(contact);
const texts = [
  textRecord('notes', ['happy'], 5, { hs_note_body: 'Great call, they love the new dashboard.' }),
  textRecord('emails', ['happy', 'shared'], 20, {
    subject: 'Thanks!',
    hs_email_text: 'Excellent support, thank you so much for the quick fix.',
  }),
  textRecord('notes', ['souring'], 80, {
    hs_note_body: 'Very happy with the onboarding, great team.',
  }),
  textRecord('calls', ['souring'], 40, {
    hs_call_body: 'Okay call, some questions about pricing.',
  }),
  textRecord('tickets', ['souring'], 10, {
    subject: 'Refund',
    content: 'Terrible experience. The invoice was wrong again and the refund never arrived.',
  }),
  textRecord('tickets', ['souring'], 2, {
    content: 'Still waiting for the refund, the billing is a mess and nobody answers. Awful.',
  }),
  textRecord('tickets', ['zh'], 3, { content: '等了两周还没有发货，客服也不回复，很失望。' }),
  textRecord('notes', ['zh'], 6, { hs_note_body: '系统经常死机，投诉了三次都没人处理，太差了。' }),
  textRecord('notes', ['lapsed'], 200, { hs_note_body: 'Awful service, cancelling.' }),
  textRecord('notes', ['odd'], 1, { hs_note_body: '' }),
  textRecord('notes', ['odd'], 1, { hs_note_body: '😀😀👍🎉' }),
  textRecord('notes', ['odd'], 2, {
    hs_note_body: 'Great service, friendly team. '.repeat(35_000),
  }),
  textRecord('emails', ['odd'], 3, { hs_email_text: '这个 product 很好, really happy 非常满意' }),
  textRecord('emails', ['odd'], 4, {
    hs_email_text:
      '<div><p>Hi&nbsp;team,</p><p>The app is <b>not working</b> &amp; slow.</p></div>',
  }),
];
const related = relatedOf(texts);

describe('sentiment plugin', () => {
  let model: TrainedModel;
  let scores: RecordScore[];
  const byId = (id: string) => scores.find((s) => s.recordId === id);

  before(async () => {
    model = await plugin.train(contacts, { logger, seed: 42, options: {}, related });
    scores = await model.score(contacts, related);
  });

  it('declares its inputs and fields', () => {
    assert.deepEqual(plugin.inputs, ['notes', 'emails', 'calls', 'tickets']);
    assert.deepEqual(
      plugin.fields.map((f) => f.name),
      [
        'crm_ml_sentiment_score',
        'crm_ml_sentiment_label',
        'crm_ml_sentiment_trend',
        'crm_ml_negative_topics',
        'crm_ml_keywords',
      ],
    );
  });

  it('writes each customer’s distinctive TF-IDF keywords across their recent texts', () => {
    const keywords = String(byId('souring')?.values['crm_ml_keywords']).split(', ');
    assert.ok(keywords.length >= 3 && keywords.length <= 5, keywords.join(', '));
    assert.ok(keywords.includes('refund'), `refund is among ${keywords.join(', ')}`);
    // Only texts of the window count: the 200-day-old note of `lapsed` gives no keywords.
    assert.equal(byId('lapsed'), undefined);
    assert.ok(!keywords.includes('cancelling'));
  });

  it('explains a score with key terms and the texts that weigh most', async () => {
    const reasons = await model.explain?.(
      contacts.find((c) => c.id === 'souring')!,
      related,
    );
    assert.match(reasons?.[0] ?? '', /^key terms: .*refund/);
    assert.ok(
      reasons?.some((reason) => /^most negative \(-\d+\): "Still waiting|Terrible/.test(reason)),
    );
    assert.deepEqual(
      await model.explain?.(
        contacts.find((c) => c.id === 'lapsed')!,
        related,
      ),
      [],
    );
  });

  it('gives each recent text its own score, label and language, newest first', async () => {
    const souring = contacts.find((c) => c.id === 'souring')!;
    const perText = await (model as SentimentModel).textSentiments(souring, related);
    const ids = texts.filter((t) => t.associations?.contacts?.includes('souring')).map((t) => t.id);
    assert.deepEqual(
      perText.map((t) => t.id),
      [...ids].reverse(),
    );
    for (const text of perText) {
      assert.ok(text.score >= -1 && text.score <= 1, `${text.id}: ${text.score}`);
      assert.equal(text.language, 'en');
    }
    assert.deepEqual(
      perText.slice(0, 2).map((t) => t.label),
      ['negative', 'negative'],
    );
    assert.equal(perText.at(-1)?.label, 'positive');

    const zh = await (model as SentimentModel).textSentiments(
      contacts.find((c) => c.id === 'zh')!,
      related,
    );
    assert.deepEqual(
      zh.map((t) => [t.language, t.label]),
      [
        ['zh', 'negative'],
        ['zh', 'negative'],
      ],
    );

    const reasons = (await model.explain?.(souring, related)) ?? [];
    const newest = perText[0]!;
    assert.ok(
      reasons.includes(`text ${newest.id} (en): negative ${newest.score}`),
      reasons.join(' | '),
    );
  });

  it('trains without labels and reports the shipped models’ held-out figures', () => {
    const m = model.metrics;
    assert.equal(m['texts'], texts.length - 1);
    assert.ok((m['en_heldout_roc_auc'] ?? 0) > 0.85);
    assert.ok((m['zh_heldout_roc_auc'] ?? 0) > 0.85);
    assert.ok((m['topics'] ?? 0) >= 1);
  });

  it('scores only customers with a readable text in the last 90 days', () => {
    assert.deepEqual(scores.map((s) => s.recordId).sort(), [
      'happy',
      'odd',
      'shared',
      'souring',
      'zh',
    ]);
  });

  it('rates happy customers positive and Chinese complaints negative', () => {
    assert.equal(byId('happy')?.values['crm_ml_sentiment_label'], 'positive');
    assert.ok(Number(byId('happy')?.values['crm_ml_sentiment_score']) > 20);
    assert.equal(byId('zh')?.values['crm_ml_sentiment_label'], 'negative');
    assert.notEqual(byId('zh')?.values['crm_ml_negative_topics'], '');
    assert.equal(byId('shared')?.values['crm_ml_sentiment_label'], 'positive');
  });

  it('sees a customer souring: negative now, worsening, with billing topics', () => {
    const souring = byId('souring');
    assert.equal(souring?.values['crm_ml_sentiment_label'], 'negative');
    assert.equal(souring?.values['crm_ml_sentiment_trend'], 'worsening');
    assert.match(String(souring?.values['crm_ml_negative_topics']), /refund|invoice|billing/);
    assert.equal(byId('happy')?.values['crm_ml_sentiment_trend'], 'stable');
  });

  it('keeps values in range for empty, emoji-only, huge, mixed and HTML texts', () => {
    const odd = byId('odd');
    const value = Number(odd?.values['crm_ml_sentiment_score']);
    assert.ok(value >= -100 && value <= 100 && Number.isInteger(value));
    assert.ok(Math.abs((odd?.score ?? 2) - value / 100) <= 0.005);
  });

  it('reloads from JSON and scores identically', async () => {
    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(contacts, related), scores);
    assert.deepEqual(loaded.metrics, model.metrics);
    assert.deepEqual(loaded.save(), model.save());
  });

  it('rejects bad options with a stable code', async () => {
    await assert.rejects(
      plugin.train(contacts, { logger, seed: 1, options: { windowDays: -1 }, related }),
      { code: 'sentiment_options_invalid' },
    );
  });
});
