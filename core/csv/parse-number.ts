// Plain decimals with an optional exponent: '42', '-0.5', '.5', '1e3'.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Thousands grouped by commas, as spreadsheets export them: '1,234' or '1,234,567.89'.
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Reads a number from a CSV value, or null when it is blank or not a number. Accepts surrounding
 * whitespace and comma thousands separators in strict groups of three ('1,234.5'); anything
 * else with a comma ('1,5') is null rather than a guess between locales. Never returns NaN or
 * an infinity.
 */
export function parseNumber(value: string): number | null {
  const text = value.trim();

  let digits: string;
  if (PLAIN_NUMBER.test(text)) digits = text;
  else if (GROUPED_NUMBER.test(text)) digits = text.replaceAll(',', '');
  else return null;

  const number = Number(digits);
  return Number.isFinite(number) ? number : null;
}
