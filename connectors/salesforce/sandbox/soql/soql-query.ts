/** A SOQL literal as written in the query. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: string }
  | { kind: 'date'; value: string };

export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

/** A field reference with where it was written, for error carets. */
export interface FieldRef {
  name: string;
  position: number;
}

export type Condition =
  | { kind: 'compare'; field: FieldRef; operator: CompareOperator; value: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: 'and' | 'or'; conditions: Condition[] }
  | { kind: 'not'; condition: Condition };

export interface OrderKey {
  field: FieldRef;
  descending: boolean;
  nullsLast: boolean;
}

/** The SOQL subset the sandbox answers. */
export interface SoqlQuery {
  /** The query text, for error messages. */
  soql: string;
  /** Selected fields as written; empty for COUNT(). */
  fields: FieldRef[];
  count: boolean;
  object: FieldRef;
  where: Condition | undefined;
  orderBy: OrderKey[];
  limit: number | undefined;
  offset: number | undefined;
}
