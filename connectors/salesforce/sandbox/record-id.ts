const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

// Salesforce ids are the 3-char key prefix, a pod/instance part and a counter. The '5g000'
// middle is what ids from a recent pod look like; nothing reads it.
const INSTANCE_PART = '5g000';

/**
 * The 3 characters that make a 15-char id case-insensitive: for each 5-char chunk, a bit per
 * uppercase letter, mapped to A–Z0–5 (Salesforce's documented 18-char id suffix).
 */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const char = id15.charAt(chunk * 5 + position);
      if (char >= 'A' && char <= 'Z') bits |= 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** An 18-char id: `prefix` + instance part + the base-62 counter, plus the suffix. */
export function makeRecordId(prefix: string, counter: number): string {
  let digits = '';
  let rest = counter;
  do {
    digits = BASE62.charAt(rest % 62) + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  const id15 = `${prefix}${INSTANCE_PART}${digits.padStart(7, '0')}`;
  return id15 + idSuffix(id15);
}

/** The 18-char form of a 15- or 18-char id, or undefined when it is not an id at all. */
export function toId18(id: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/.test(id)) return undefined;
  const id15 = id.slice(0, 15);
  return id15 + idSuffix(id15);
}
