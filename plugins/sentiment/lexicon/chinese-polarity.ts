import { isNegated, withoutNegation } from '../../../core/text/negation.js';
import type { LexiconSums } from './lexicon-sums.js';

/**
 * General Chinese evaluative words, hand-written for crm-ml from everyday usage about
 * service, quality, price and experience; not derived from any training data, and
 * deliberately free of domain words (food, hotels) so it transfers. Each counts ±1.
 */
export const CHINESE_POSITIVE_WORDS: ReadonlySet<string> = new Set(
  (
    '好 很好 挺好 不错 满意 喜欢 喜爱 棒 很棒 赞 优秀 完美 精彩 舒服 舒适 干净 整洁 方便 ' +
    '快 很快 及时 准时 快捷 高效 热情 耐心 周到 细心 认真 负责 专业 友好 礼貌 贴心 靠谱 ' +
    '给力 实惠 划算 超值 优惠 物美价廉 值得 推荐 感谢 谢谢 开心 高兴 愉快 惊喜 放心 漂亮 ' +
    '精致 好吃 美味 好用 耐用 流畅 稳定 清晰 丰富 合理 满分 好评 支持 温馨 安静 正品'
  ).split(' '),
);

/** Negative counterparts of `CHINESE_POSITIVE_WORDS`, written the same way. */
export const CHINESE_NEGATIVE_WORDS: ReadonlySet<string> = new Set(
  (
    '差 很差 太差 糟糕 失望 难吃 难用 慢 太慢 很慢 脏 贵 太贵 坑 垃圾 骗 骗子 欺骗 忽悠 ' +
    '投诉 差评 退款 退货 后悔 生气 愤怒 恶心 讨厌 可恶 恶劣 麻烦 问题 故障 错误 坏 坏了 ' +
    '损坏 破损 延迟 迟到 敷衍 不满 无语 郁闷 烂 劣质 粗糙 浪费 不值 拒绝 死机 不行 难受 ' +
    '倒霉 气人 态度差 冷漠 吵 臭'
  ).split(' '),
);

/**
 * Counts the polarity words among Chinese tokens from `tokeniseChinese`; a negated word
 * ("不 满意") counts with its sign flipped.
 */
export function chinesePolarity(tokens: readonly string[]): LexiconSums {
  const sums: LexiconSums = { positive: 0, negative: 0, matched: 0 };
  for (const token of tokens) {
    const word = withoutNegation(token);
    let valence = CHINESE_POSITIVE_WORDS.has(word) ? 1 : CHINESE_NEGATIVE_WORDS.has(word) ? -1 : 0;
    if (valence === 0) continue;

    if (isNegated(token)) valence = -valence;
    if (valence > 0) sums.positive += valence;
    else sums.negative -= valence;
    sums.matched++;
  }
  return sums;
}
