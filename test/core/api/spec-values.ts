// Values generated from the OpenAPI spec's schemas, for the fuzz test: a valid value of a
// schema, and mutations of it that a validator must refuse (or the API must survive).

type Schema = Record<string, unknown>;
type Random = () => number;

const UNICODE = ['Zoë', '中文客户', '🙂🚀', 'ﷺ', '\u202Eevil', 'a\u0000b', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];

/** The schema a `$ref` (`#/components/schemas/X`) points to, or the schema itself. */
export function resolve(spec: Schema, schema: unknown): Schema {
  let current = (schema ?? {}) as Schema;
  for (let depth = 0; typeof current['$ref'] === 'string' && depth < 10; depth += 1) {
    const path = (current['$ref'] as string).replace(/^#\//, '').split('/');
    current = path.reduce<Schema>((node, key) => (node[key] ?? {}) as Schema, spec);
  }
  return current;
}

/** The JSON request body schema of an operation, if it has one. */
export function requestSchema(spec: Schema, template: string, method: string): Schema | null {
  const paths = spec['paths'] as Record<string, Record<string, Schema>>;
  const operation = paths[template]?.[method.toLowerCase()];
  const body = operation?.['requestBody'] as Schema | undefined;
  const content = body?.['content'] as Record<string, Schema> | undefined;
  const schema = content?.['application/json']?.['schema'];
  return schema === undefined ? null : resolve(spec, schema);
}

/** A value valid against `schema`, as far as the keywords the spec uses go. */
export function validValue(spec: Schema, raw: unknown, random: Random, depth = 0): unknown {
  const schema = resolve(spec, raw);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  if (Array.isArray(schema['enum'])) return pick(schema['enum'] as unknown[]);
  if ('const' in schema) return schema['const'];
  const choices = (schema['oneOf'] ?? schema['anyOf']) as unknown[] | undefined;
  if (choices) return validValue(spec, pick(choices), random, depth + 1);

  const types = schema['type'];
  const type = Array.isArray(types) ? pick(types.filter((t) => t !== 'null')) : types;
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
      const required = new Set((schema['required'] ?? []) as string[]);
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        if (required.has(name) || (depth < 3 && random() < 0.5)) {
          value[name] = validValue(spec, property, random, depth + 1);
        }
      }
      return value;
    }
    case 'array': {
      const min = Number(schema['minItems'] ?? 0);
      const items = Array.from({ length: Math.max(min, Math.floor(random() * 3)) }, () =>
        validValue(spec, schema['items'], random, depth + 1),
      );
      return schema['uniqueItems'] === true ? [...new Set(items)] : items;
    }
    case 'integer': {
      const min = Number(schema['minimum'] ?? 0);
      const max = Number(schema['maximum'] ?? min + 1_000);
      return min + Math.floor(random() * (max - min + 1));
    }
    case 'number': {
      const low = Number(schema['exclusiveMinimum'] ?? schema['minimum'] ?? 0);
      const high = Number(schema['exclusiveMaximum'] ?? schema['maximum'] ?? low + 1);
      return low + (high - low) * (0.01 + 0.98 * random());
    }
    case 'boolean':
      return random() < 0.5;
    case 'string':
      return validString(schema, random);
    default:
      return {};
  }
}

function validString(schema: Schema, random: Random): string {
  if (schema['format'] === 'date-time') {
    return new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 1e10)).toISOString();
  }
  if (schema['format'] === 'uri') return `https://hooks.example.com/${Math.floor(random() * 1e6)}`;
  const pattern = String(schema['pattern'] ?? '');
  if (pattern.includes('a-z')) return `x${Math.floor(random() * 1e6)}`;
  const base = random() < 0.3 ? UNICODE[Math.floor(random() * UNICODE.length)]! : 'fuzz';
  const min = Number(schema['minLength'] ?? 1);
  const max = Number(schema['maxLength'] ?? 64);
  return base.padEnd(min, 'x').slice(0, max);
}

/** Ways to break a valid value; `bad JSON` is the caller's (it works on the text). */
const MUTATIONS = ['wrong type', 'missing field', 'huge', 'unicode', 'extra field', 'null'];

/** A mutation of `value`: one field of the wrong type, missing, huge, unicode, … */
export function mutate(value: unknown, random: Random): unknown {
  const how = MUTATIONS[Math.floor(random() * MUTATIONS.length)];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return how === 'huge' ? 'x'.repeat(200_000) : { value };
  }

  const copy = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[Math.floor(random() * keys.length)] ?? 'field';
  switch (how) {
    case 'wrong type':
      copy[key] = [42, 'text', true, [], {}, -1.5][Math.floor(random() * 6)];
      break;
    case 'missing field':
      delete copy[key];
      break;
    case 'huge':
      copy[key] =
        random() < 0.5 ? 'x'.repeat(200_000) : Array.from({ length: 20_000 }, (_, i) => i);
      break;
    case 'unicode':
      copy[key] = UNICODE.join(' ').repeat(50);
      break;
    case 'extra field':
      copy['__proto__polluted'] = { admin: true };
      break;
    default:
      copy[key] = null;
  }
  return copy;
}
