import type { TextLanguage } from './detect-language.js';
import { tokeniseChinese } from './tokenise-chinese.js';
import { tokeniseEnglish, type TokeniseOptions } from './tokenise-english.js';

/**
 * Words of a normalised text by its language: jieba for Chinese and mixed texts (it keeps
 * Latin words whole), the English tokeniser for everything else.
 */
export function tokenise(
  text: string,
  language: TextLanguage,
  options: TokeniseOptions = {},
): string[] {
  if (language === 'zh' || language === 'mixed') return tokeniseChinese(text, options);
  return tokeniseEnglish(text, options);
}
