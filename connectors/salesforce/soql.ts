/**
 * SOQL literals. Strings escape backslash, quote and control characters as the SOQL reference
 * lists them; datetimes are UTC ISO 8601 (unquoted in SOQL).
 */
export function soqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

export function soqlDateTime(iso: string): string {
  return new Date(iso).toISOString();
}

/** `('a','b')` for `Id IN …`. */
export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(',')})`;
}

/** Only API names (letters, digits, underscores) may be spliced into SOQL unquoted. */
export function isApiName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name);
}
