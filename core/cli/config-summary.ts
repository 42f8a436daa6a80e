/**
 * A configuration (as `describeConfig` masks it) as indented `name  value` lines for a
 * terminal; nested settings are named by their path (`hubspot.baseUrl`), unset ones left out.
 */
export function formatConfigSummary(described: object): string {
  return flatten(described, '')
    .map(([name, value]) => `  ${name.padEnd(24)} ${value}`)
    .join('\n');
}

function flatten(value: object, prefix: string): [string, string][] {
  return Object.entries(value).flatMap(([key, inner]): [string, string][] => {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (inner === undefined) return [];
    if (Array.isArray(inner)) return [[name, inner.length === 0 ? '(none)' : inner.join(', ')]];
    if (typeof inner === 'object' && inner !== null) {
      const nested = flatten(inner, name);
      return nested.length === 0 ? [] : nested;
    }
    return [[name, String(inner)]];
  });
}
