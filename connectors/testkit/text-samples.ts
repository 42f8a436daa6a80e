/**
 * Text that breaks naive encoders: accents in both normal forms, CJK, right-to-left script,
 * emoji with skin tone, zero-width joiners and a flag, quotes, a comma and a newline.
 */
export const UNICODE_SAMPLE =
  'Zoë Ångström · Zoe\u0308 · 東京 · مرحبا · 👩🏽‍💻 🇸🇪 👨‍👩‍👧 · "quoted", comma\nsecond line ✓';

/** The length of the long-text check: beyond many CRMs' short-text limits. */
export const LONG_TEXT_LENGTH = 50_000;

/**
 * A text of exactly `LONG_TEXT_LENGTH` UTF-16 units, built from a unit whose length divides
 * it, so no surrogate pair is cut; it mixes ASCII with multi-byte characters so a writer that
 * splits bytes at a buffer edge corrupts it visibly.
 */
export function longText(): string {
  const unit = 'long text ✓ 中文 🙂 é '.padEnd(50, '.');
  return unit.repeat(LONG_TEXT_LENGTH / unit.length);
}
