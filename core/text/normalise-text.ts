import { stripHtml } from './strip-html.js';

/**
 * Texts are cut to this many characters before tokenising. 10,000 characters is a long
 * email (about 1,500 English words); the opinion of a longer text is in its first part as
 * much as anywhere, and the cap bounds the time one pasted log or attachment can take.
 */
export const MAX_TEXT_CHARS = 10_000;

// HTML is stripped from at most this much raw input: markup can be many times its text.
const MAX_RAW_CHARS = 20 * MAX_TEXT_CHARS;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g;
const SPACES = /[^\S\n]+/g;
const BLANK_LINES = /\s*\n\s*/g;

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Readies a raw CRM text for analysis: HTML tags removed and entities decoded, Unicode
 * normalised to NFKC (full-width letters and digits become ASCII), control characters
 * dropped, runs of spaces collapsed (line breaks kept as one `\n`), trimmed and cut to
 * `maxChars` (default `MAX_TEXT_CHARS`).
 *
 * @example normaliseText('<p>Great&nbsp;service</p>') // 'Great service'
 */
export function normaliseText(raw: string, maxChars: number = MAX_TEXT_CHARS): string {
  const visible = stripHtml(truncateText(raw, MAX_RAW_CHARS));
  const cleaned = visible
    .normalize('NFKC')
    .replace(CONTROL, '')
    .replace(SPACES, ' ')
    .replace(BLANK_LINES, '\n')
    .trim();
  return truncateText(cleaned, maxChars);
}
