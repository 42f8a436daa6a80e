import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { tokenise } from '../../../core/text/tokenise.js';
import { tokeniseChinese } from '../../../core/text/tokenise-chinese.js';
import { tokeniseEnglish } from '../../../core/text/tokenise-english.js';

describe('tokeniseEnglish', () => {
  it('lowercases words and marks the tokens after a negator until the clause ends', () => {
    assert.deepEqual(tokeniseEnglish('The food was NOT good, but cheap.'), [
      'the',
      'food',
      'was',
      'not',
      'not_good',
      'but',
      'cheap',
    ]);
    assert.deepEqual(tokeniseEnglish("I don't like it"), ['i', "don't", 'not_like', 'not_it']);
  });

  it('marks at most four tokens and can skip negation', () => {
    const marked = tokeniseEnglish('never a very good or useful thing');
    assert.deepEqual(marked.slice(1), [
      'not_a',
      'not_very',
      'not_good',
      'not_or',
      'useful',
      'thing',
    ]);
    assert.deepEqual(tokeniseEnglish('not good', { negation: false }), ['not', 'good']);
  });
});

describe('tokeniseChinese', () => {
  it('segments with jieba and marks the words after a negator', () => {
    assert.deepEqual(tokeniseChinese('不好吃，送餐太慢了'), [
      '不',
      'not_好吃',
      '送餐',
      '太慢',
      '了',
    ]);
    assert.deepEqual(tokeniseChinese('味道不错'), ['味道', '不错']);
  });

  it('keeps Latin words of mixed texts, lowercased, and drops emoji and spaces', () => {
    assert.deepEqual(tokenise('我喜欢This Product 😀', 'mixed'), ['我', '喜欢', 'this', 'product']);
    assert.deepEqual(tokeniseChinese(''), []);
  });
});
