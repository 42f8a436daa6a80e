// 2010-12-01, 2010-12-01 08:26, 2010-12-01T08:26:00(.000)(Z|+01:00)
const ISO_LIKE = new RegExp(
  '^(\\d{4})-(\\d{1,2})-(\\d{1,2})' +
    '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?' +
    '(Z|[+-]\\d{2}:?\\d{2})?$',
);
// 12/1/2010 8:26 (the UCI spreadsheet export) or 25/12/2010 18:00:05
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// 19970101, as in the CDNOW log
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Epoch milliseconds, as HubSpot sends datetimes: 12 or 13 digits covers 1973 to 2286.
const EPOCH_MS = /^\d{12,13}$/;

/**
 * Reads a timestamp in the formats order exports use, as epoch milliseconds, or null.
 * Times without a zone are read as UTC, so results never depend on the machine's zone.
 * Slashed dates are month first (US spreadsheets) unless the first number exceeds 12.
 */
export function parseTimestamp(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();

  if (EPOCH_MS.test(text)) return Number(text);

  const compact = COMPACT.exec(text);
  if (compact) return utc(compact[1], compact[2], compact[3]);

  const iso = ISO_LIKE.exec(text);
  if (iso) {
    if (iso[7] === undefined) return utc(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]);
    const parsed = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(parsed) ? parsed : null;
  }

  const slashed = SLASHED.exec(text);
  if (slashed) {
    const first = Number(slashed[1]);
    const [month, day] = first > 12 ? [slashed[2], slashed[1]] : [slashed[1], slashed[2]];
    return utc(slashed[3], month, day, slashed[4], slashed[5], slashed[6]);
  }
  return null;
}

function utc(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour?: string,
  minute?: string,
  second?: string,
): number | null {
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  const [h, mi, s] = [Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;

  const time = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  return new Date(time).getUTCDate() === d ? time : null;
}
