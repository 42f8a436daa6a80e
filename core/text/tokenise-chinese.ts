import { createRequire } from 'node:module';

import type { Jieba } from '@node-rs/jieba';

import { markNegation, type NegationRule } from './negation.js';
import type { TokeniseOptions } from './tokenise-english.js';

const require = createRequire(import.meta.url);
let segmenter: Jieba | undefined;

/** The jieba segmenter with its bundled dictionary, loaded once (about 0.3 s). */
function jieba(): Jieba {
  if (!segmenter) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    segmenter = JiebaClass.withDict(dict);
  }
  return segmenter;
}

const NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '未',
  '无',
  '非',
  '不是',
  '不太',
  '不够',
  '不会',
  '不能',
  '不要',
  '从不',
  '并不',
  '毫无',
  '从来不',
  '绝不',
]);

const PUNCTUATION_OR_SPACE = /^[\p{P}\p{S}\s]+$/u;

// Chinese negation binds to the next word or two ("不 好吃", "没有 送 水"); the clause
// ends at punctuation or at a contrastive conjunction.
const CHINESE_NEGATION: NegationRule = {
  isNegator: (token) => NEGATORS.has(token),
  endsScope: (token) =>
    PUNCTUATION_OR_SPACE.test(token) || token === '但是' || token === '但' || token === '不过',
  scope: 2,
};

/**
 * Words of a Chinese (or mixed Chinese and English) text segmented by jieba with its HMM
 * for unknown words; Latin words are lowercased, punctuation, symbols and spaces dropped,
 * and words after a negator marked `not_…` unless `negation` is false.
 *
 * @example tokeniseChinese('不好吃，送餐太慢') // ['不', 'not_好吃', '送餐', '太慢']
 */
export function tokeniseChinese(text: string, options: TokeniseOptions = {}): string[] {
  if (text.length === 0) return [];
  const words = jieba()
    .cut(text, true)
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word.length > 0);

  if (options.negation === false) return words.filter((word) => !PUNCTUATION_OR_SPACE.test(word));
  return markNegation(words, CHINESE_NEGATION).filter((word) => !PUNCTUATION_OR_SPACE.test(word));
}
