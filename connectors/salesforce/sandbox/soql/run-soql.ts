import type { FieldDefinition } from '../field-definition.js';
import type { ObjectSchema } from '../object-schema.js';
import type { SandboxRecord } from '../sandbox-record.js';
import { bindCondition, comparable, resolveField } from './bind-condition.js';
import { parseSoql } from './parse-soql.js';
import { soqlError } from './soql-error.js';
import type { OrderKey, SoqlQuery } from './soql-query.js';

/** Where a query reads from: the org's sObjects, or the Tooling API's metadata objects. */
export interface QuerySource {
  schema(objectName: string): ObjectSchema | undefined;
  records(schema: ObjectSchema, includeDeleted: boolean): readonly SandboxRecord[];
}

/** A query's outcome: the rows in order (a snapshot), and the fields to show on each. */
export interface QueryResult {
  schema: ObjectSchema;
  fields: FieldDefinition[];
  records: SandboxRecord[];
  /** COUNT() queries: only totalSize is meaningful. */
  count: boolean;
}

/** Parses and runs a SOQL query; `includeDeleted` is the queryAll flavour. */
export function runSoql(source: QuerySource, soql: string, includeDeleted: boolean): QueryResult {
  const query = parseSoql(soql);
  const schema = source.schema(query.object.name);
  if (!schema) {
    throw soqlError(
      soql,
      query.object.position,
      `sObject type '${query.object.name}' is not supported. If you are attempting to use a ` +
        "custom object, be sure to append the '__c' after the entity name. Please reference " +
        'your WSDL or the describe call for the appropriate names.',
      'INVALID_TYPE',
    );
  }

  const fields = selectedFields(query, schema);
  const predicate = query.where ? bindCondition(soql, schema, query.where) : () => true;
  const order = query.orderBy.map((key) => ({ key, field: resolveField(soql, schema, key.field) }));

  let records = source.records(schema, includeDeleted).filter(predicate);
  if (order.length > 0) records = [...records].sort(comparator(order));
  const start = query.offset ?? 0;
  records = records.slice(start, query.limit === undefined ? undefined : start + query.limit);
  return { schema, fields, records, count: query.count };
}

function selectedFields(query: SoqlQuery, schema: ObjectSchema): FieldDefinition[] {
  const seen = new Set<string>();
  return query.fields.map((ref) => {
    const field = resolveField(query.soql, schema, ref);
    if (seen.has(field.name)) {
      throw soqlError(query.soql, ref.position, `duplicate field selected: ${field.name}`);
    }
    seen.add(field.name);
    return field;
  });
}

type BoundKey = { key: OrderKey; field: FieldDefinition };

/** Sorts by the keys; ties keep Id order (Salesforce promises no order for ties at all). */
function comparator(order: readonly BoundKey[]): (a: SandboxRecord, b: SandboxRecord) => number {
  return (a, b) => {
    for (const { key, field } of order) {
      const left = comparable(field, a.values[field.name]);
      const right = comparable(field, b.values[field.name]);
      if (left === right) continue;
      if (left === null) return key.nullsLast ? 1 : -1;
      if (right === null) return key.nullsLast ? -1 : 1;
      const direction = left < right ? -1 : 1;
      return key.descending ? -direction : direction;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
