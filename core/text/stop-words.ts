/**
 * English function words left out of keywords and topics (never out of sentiment features,
 * where "not" and "but" matter). A subset of the Snowball English stop word list
 * (snowballstem.org, BSD licence), with the negators and intensifiers taken out.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his ' +
    'himself she her hers herself it its itself they them their theirs themselves what ' +
    'which who whom this that these those am is are was were be been being have has had ' +
    'having do does did doing would should could ought will shall can may might must a an ' +
    'the and if or because as until while of at by for with about against between into ' +
    'through during before after above below to from up down in out on off over under ' +
    'again further then once here there when where why how all any both each few more ' +
    'most other some such only own same so than too s t just now also get got im ive ' +
    "i'm i've it's that's there's you're we're they're i'll you'll i'd let's"
  ).split(' '),
);

/**
 * Chinese function words left out of keywords and topics: structural particles, pronouns,
 * conjunctions, prepositions and filler adverbs, compiled for crm-ml after the word classes
 * that the common published Chinese stop lists (e.g. HIT, Baidu) share. Negators are kept.
 */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嗯 哈 啦 嘛 么 之 其 而 且 与 及 和 跟 同 或 ' +
    '是 在 有 也 都 就 又 还 才 再 把 被 让 给 对 向 从 以 于 为 由 将 则 等 这 那 这个 那个 ' +
    '这些 那些 这样 那样 这么 那么 我 你 您 他 她 它 我们 你们 他们 她们 它们 自己 大家 ' +
    '一个 一些 一下 一点 一次 个 些 上 下 中 里 来 去 说 要 会 能 可以 可能 已经 然后 但是 ' +
    '因为 所以 如果 虽然 而且 并且 或者 还是 就是 只是 还有 什么 怎么 为什么 哪 谁 多少'
  ).split(' '),
);

// Tokens made only of digits, punctuation or symbols are never keywords.
const NOT_A_WORD = /^[\p{N}\p{P}\p{S}\s]*$/u;

/** True when `token` should not be a keyword or topic term in either language. */
export function isStopWord(token: string): boolean {
  return (
    NOT_A_WORD.test(token) ||
    ENGLISH_STOP_WORDS.has(token) ||
    CHINESE_STOP_WORDS.has(token) ||
    (token.length < 2 && /^[a-z]$/.test(token))
  );
}
