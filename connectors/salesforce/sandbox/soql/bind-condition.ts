import type { FieldDefinition, FieldValue } from '../field-definition.js';
import type { ObjectSchema } from '../object-schema.js';
import { toId18 } from '../record-id.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { formatDateTime, parseDateTime } from '../wire-time.js';
import { soqlError } from './soql-error.js';
import type { Condition, FieldRef, Literal } from './soql-query.js';

/** A comparable form of a value: text is lower-cased, since SOQL compares it case-blind. */
type Comparable = string | number | boolean | null;

export type Predicate = (record: SandboxRecord) => boolean;

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** Resolves a field name against the schema, or throws Salesforce's INVALID_FIELD. */
export function resolveField(soql: string, schema: ObjectSchema, ref: FieldRef): FieldDefinition {
  if (ref.name.includes('.')) {
    const relationship = ref.name.split('.')[0] ?? ref.name;
    throw soqlError(
      soql,
      ref.position,
      `Didn't understand relationship '${relationship}' in field path. ` +
        '(The sandbox answers no relationship queries.)',
      'INVALID_FIELD',
    );
  }
  const field = schema.field(ref.name);
  if (field) return field;
  throw soqlError(
    soql,
    ref.position,
    `No such column '${ref.name}' on entity '${schema.name}'. If you are attempting to use a ` +
      "custom field, be sure to append the '__c' after the custom field name. Please reference " +
      'your WSDL or the describe call for the appropriate names.',
    'INVALID_FIELD',
  );
}

/** The comparable form of a stored value of `field`. */
export function comparable(field: FieldDefinition, value: FieldValue | undefined): Comparable {
  if (value === undefined || value === null) return null;
  return TEXT_TYPES.has(field.type) && typeof value === 'string' ? value.toLowerCase() : value;
}

/** Turns a parsed condition into a record predicate, checking each literal's type. */
export function bindCondition(soql: string, schema: ObjectSchema, condition: Condition): Predicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.conditions.map((part) => bindCondition(soql, schema, part));
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = condition.conditions.map((part) => bindCondition(soql, schema, part));
      return (record) => parts.some((part) => part(record));
    }
    case 'not': {
      const inner = bindCondition(soql, schema, condition.condition);
      return (record) => !inner(record);
    }
    case 'in': {
      const field = filterableField(soql, schema, condition.field);
      const values = condition.values.map((value) =>
        literalValue(soql, field, condition.field, value),
      );
      const wanted = new Set(values);
      return (record) => {
        const value = comparable(field, record.values[field.name]);
        return condition.negated ? !wanted.has(value) : value !== null && wanted.has(value);
      };
    }
    case 'compare': {
      const field = filterableField(soql, schema, condition.field);
      const value = literalValue(soql, field, condition.field, condition.value);
      if (condition.operator === 'LIKE') return likePredicate(soql, field, condition.field, value);
      return comparePredicate(field, condition.operator, value);
    }
  }
}

function filterableField(soql: string, schema: ObjectSchema, ref: FieldRef): FieldDefinition {
  const field = resolveField(soql, schema, ref);
  if (field.type === 'address') {
    const reason = `field '${field.name}' can not be filtered in a query call`;
    throw soqlError(soql, ref.position, reason, 'INVALID_FIELD');
  }
  return field;
}

function comparePredicate(
  field: FieldDefinition,
  operator: '=' | '!=' | '<' | '<=' | '>' | '>=',
  wanted: Comparable,
): Predicate {
  return (record) => {
    const value = comparable(field, record.values[field.name]);
    if (operator === '=') return value === wanted;
    // SOQL's != matches records where the field is null, unlike SQL.
    if (operator === '!=') return value !== wanted;
    if (value === null || wanted === null) return false;
    if (operator === '<') return value < wanted;
    if (operator === '<=') return value <= wanted;
    if (operator === '>') return value > wanted;
    return value >= wanted;
  };
}

function likePredicate(soql: string, field: FieldDefinition, ref: FieldRef, pattern: Comparable) {
  if (!TEXT_TYPES.has(field.type) || typeof pattern !== 'string') {
    throw soqlError(
      soql,
      ref.position,
      `invalid operator on field: ${field.name}`,
      'INVALID_FIELD',
    );
  }
  const source = pattern
    .split(/(\\%|\\_|%|_)/)
    .map((part) => {
      if (part === '%') return '.*';
      if (part === '_') return '.';
      const literal = part === '\\%' ? '%' : part === '\\_' ? '_' : part;
      return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (record: SandboxRecord) => {
    const value = comparable(field, record.values[field.name]);
    return typeof value === 'string' && regex.test(value);
  };
}

/** The comparable form of a literal for `field`, or Salesforce's type-mismatch error. */
function literalValue(soql: string, field: FieldDefinition, ref: FieldRef, literal: Literal) {
  if (literal.kind === 'null') return null;
  const mismatch = (typeName: string, quoted: boolean): Error =>
    soqlError(
      soql,
      ref.position,
      `value of filter criterion for field '${field.name}' must be of type ${typeName} and ` +
        `should ${quoted ? '' : 'not '}be enclosed in quotes`,
    );

  if (field.type === 'id' || field.type === 'reference') {
    if (literal.kind !== 'string') throw mismatch('id', true);
    const id = toId18(literal.value);
    if (id === undefined) {
      const reason = `invalid ID field: ${literal.value}`;
      throw soqlError(soql, ref.position, reason, 'INVALID_QUERY_FILTER_OPERATOR');
    }
    return id;
  }
  if (TEXT_TYPES.has(field.type)) {
    if (literal.kind !== 'string') throw mismatch('string', true);
    return literal.value.toLowerCase();
  }
  if (NUMBER_TYPES.has(field.type)) {
    if (literal.kind !== 'number') throw mismatch('double', false);
    return literal.value;
  }
  if (field.type === 'boolean') {
    if (literal.kind !== 'boolean') throw mismatch('boolean', false);
    return literal.value;
  }
  if (field.type === 'date') {
    if (literal.kind !== 'date') throw mismatch('date', false);
    return literal.value;
  }
  if (literal.kind !== 'datetime') throw mismatch('dateTime', false);
  return formatDateTime(parseDateTime(literal.value));
}
