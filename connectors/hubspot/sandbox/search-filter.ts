import { z } from 'zod';
import { SandboxHttpError } from './hubspot-error.js';
import type { PropertyCatalog } from './property-catalog.js';
import { isModifiedDateProperty, isTimeType } from './property-definition.js';
import { toEpochMs, type SandboxRecord } from './sandbox-record.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;

export const filterSchema = z.object({
  propertyName: z.string(),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});

export type SearchFilter = z.infer<typeof filterSchema>;

/** How a property's values compare: numbers and times numerically, the rest as lowercase text. */
export type ValueKind = 'number' | 'time' | 'text';

type Comparable = number | string;

/** A property value of a record, ready to compare; null when unset. */
export type ValueGetter = (record: SandboxRecord) => Comparable | null;

/** The comparison kind of a property; throws HubSpot's 400 for an undefined property. */
export function valueKind(catalog: PropertyCatalog, objectType: string, name: string): ValueKind {
  const definition = catalog.get(objectType, name);
  if (!definition) {
    throw SandboxHttpError.validation(
      `There was a problem with the request: property '${name}' ` +
        `does not exist on ${objectType}.`,
    );
  }
  if (name === 'hs_object_id' || definition.type === 'number') return 'number';
  return isTimeType(definition.type) ? 'time' : 'text';
}

/** Reads one property as a comparable value, using the record's own times where it can. */
export function valueGetter(kind: ValueKind, name: string, objectType: string): ValueGetter {
  if (name === 'hs_object_id') return (record) => Number(record.id);
  if (name === 'createdate') return (record) => record.createdAt;
  if (isModifiedDateProperty(objectType, name)) return (record) => record.updatedAt;

  return (record) => {
    const stored = record.properties.get(name);
    if (stored === undefined) return null;
    if (kind === 'text') return stored.toLowerCase();
    const number = kind === 'time' ? toEpochMs(stored) : Number(stored);
    return Number.isNaN(number) ? null : number;
  };
}

// Filter values arrive as strings (dates as epoch ms or ISO); HubSpot matches text case-blind.
function operand(kind: ValueKind, raw: unknown, filter: SearchFilter): Comparable {
  if (raw === undefined) {
    throw SandboxHttpError.validation(
      `Filter on ${filter.propertyName} with operator ` + `${filter.operator} needs a value.`,
    );
  }
  const text = String(raw);
  if (kind === 'text') return text.toLowerCase();

  const number = kind === 'time' ? toEpochMs(text) : Number(text);
  if (Number.isNaN(number)) {
    throw SandboxHttpError.validation(`${text} is not a valid value for ${filter.propertyName}.`);
  }
  return number;
}

/** Compiles one filter into a predicate over stored records. */
export function compileFilter(
  catalog: PropertyCatalog,
  objectType: string,
  filter: SearchFilter,
): (record: SandboxRecord) => boolean {
  const kind = valueKind(catalog, objectType, filter.propertyName);
  const get = valueGetter(kind, filter.propertyName, objectType);
  const one = (): Comparable => operand(kind, filter.value, filter);

  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return (record) => get(record) !== null;
    case 'NOT_HAS_PROPERTY':
      return (record) => get(record) === null;
    case 'EQ': {
      const target = one();
      return (record) => get(record) === target;
    }
    case 'NEQ': {
      const target = one();
      return (record) => get(record) !== target;
    }
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE':
      return rangeFilter(get, filter.operator, one());
    case 'BETWEEN': {
      const low = one();
      const high = operand(kind, filter.highValue, filter);
      return (record) => {
        const value = get(record);
        return value !== null && value >= low && value <= high;
      };
    }
    case 'IN':
    case 'NOT_IN': {
      const set = new Set((filter.values ?? []).map((value) => operand(kind, value, filter)));
      const wanted = filter.operator === 'IN';
      return (record) => {
        const value = get(record);
        return value !== null && set.has(value) ? wanted : !wanted;
      };
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = String(one()).toLowerCase().replace(/\*/g, '');
      const wanted = filter.operator === 'CONTAINS_TOKEN';
      return (record) => String(get(record) ?? '').includes(token) === wanted;
    }
  }
}

function rangeFilter(
  get: ValueGetter,
  operator: 'LT' | 'LTE' | 'GT' | 'GTE',
  target: Comparable,
): (record: SandboxRecord) => boolean {
  return (record) => {
    const value = get(record);
    if (value === null) return false;
    if (operator === 'LT') return value < target;
    if (operator === 'LTE') return value <= target;
    if (operator === 'GT') return value > target;
    return value >= target;
  };
}
