import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  sentimentTrend,
  weightedMeanScore,
} from '../../../plugins/sentiment/customer-sentiment.js';
import { scoreText } from '../../../plugins/sentiment/index.js';

const DAY_MS = 86_400_000;
const settings = { halfLifeDays: 30, windowDays: 90, trendMinTexts: 3, trendThreshold: 0.4 };

describe('scoreText', () => {
  it('reads English negation and Chinese complaints', () => {
    assert.ok((scoreText('The support was good')?.score ?? 0) > 0.2);
    assert.ok((scoreText('The support was not good')?.score ?? 0) < -0.2);
    assert.ok((scoreText('客服态度很差，再也不买了')?.score ?? 0) < -0.2);
    assert.ok((scoreText('服务很好，非常满意')?.score ?? 0) > 0.2);
  });

  it('is deterministic and strips HTML before scoring', () => {
    const html = scoreText('<p>Great&nbsp;<b>service</b></p>');
    assert.deepEqual(html, scoreText('Great service'));
    assert.equal(html?.text, 'Great service');
  });

  it('handles empty, emoji-only, huge and mixed texts', () => {
    assert.equal(scoreText(''), undefined);
    assert.equal(scoreText('😀👍🎉'), undefined);
    const huge = scoreText('Bad. '.repeat(210_000));
    assert.ok(huge && huge.score >= -1 && huge.score <= 1);
    const mixed = scoreText('这个 product is really good, very happy 很满意');
    assert.equal(mixed?.language, 'mixed');
    assert.ok((mixed?.score ?? 0) > 0);
  });
});

describe('customer aggregation', () => {
  const now = Date.UTC(2025, 5, 30);
  const at = (days: number, score: number) => ({ score, time: now - days * DAY_MS });

  it('weighs a text 30 days old half as much as one written now', () => {
    assert.equal(weightedMeanScore([at(0, 1), at(30, -1)], now, 30), (1 - 0.5) / 1.5);
    assert.equal(weightedMeanScore([], now, 30), 0);
  });

  it('finds trends from the least-squares slope, with a minimum of three texts', () => {
    assert.equal(sentimentTrend([at(80, 0.8), at(40, 0.1), at(2, -0.7)], settings), 'worsening');
    assert.equal(sentimentTrend([at(80, -0.8), at(40, 0), at(2, 0.7)], settings), 'improving');
    assert.equal(sentimentTrend([at(80, 0.5), at(40, 0.4), at(2, 0.5)], settings), 'stable');
    assert.equal(sentimentTrend([at(80, 0.8), at(2, -0.7)], settings), 'stable');
    assert.equal(sentimentTrend([at(1, 0.8), at(1, -0.7), at(1, 0)], settings), 'stable');
  });
});
