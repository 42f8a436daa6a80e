import { CompiledQuery, sql, type Expression, type Kysely, type QueryResult } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';

import type { Database } from './database-schema.js';

/** A multi-row INSERT: table, columns in value order, and what follows the VALUES list. */
export interface BulkInsert {
  table: keyof Database & string;
  columns: readonly string[];
  /** `ON CONFLICT …`, `RETURNING …` or empty; plain SQL shared by SQLite and PostgreSQL. */
  suffix: string;
}

/**
 * Multi-row INSERT statements written as SQL text with one placeholder per value. Building
 * them through the query builder costs an object per value, several times what the database
 * spends storing the row; here a batch costs its parameter array and one cached SQL string.
 * Column and table names come from the caller's constants, never from data.
 */
export class BulkStatements {
  // PostgreSQL numbers its placeholders ($1, $2, …), SQLite takes `?`.
  private readonly numbered: boolean;
  private readonly texts = new Map<string, string>();

  constructor(db: Kysely<Database>) {
    this.numbered = sql`${0}`.compile(db).sql !== '?';
  }

  /**
   * Runs `insert` for `rows` rows whose values are in `parameters`, row after row
   * (`rows × columns` of them); the caller keeps each statement under the parameter limits.
   */
  async insert<R>(
    db: Kysely<Database>,
    insert: BulkInsert,
    rows: number,
    parameters: unknown[],
  ): Promise<QueryResult<R>> {
    const text = this.insertText(insert, rows);
    return db.executeQuery<R>(CompiledQuery.raw(text, parameters));
  }

  /**
   * `column IN (values)` with the whole list as one parameter, so a batch of any size stays
   * one statement: a JSON array read by `json_each` on SQLite, a text array on PostgreSQL.
   */
  inTextList(column: Expression<unknown>, values: readonly string[]): RawBuilder<SqlBool> {
    if (this.numbered) return sql<SqlBool>`${column} = any(cast(${[...values]} as text[]))`;
    return sql<SqlBool>`${column} in (select value from json_each(${JSON.stringify(values)}))`;
  }

  private insertText(insert: BulkInsert, rows: number): string {
    const key = `${insert.table}|${insert.columns.join(',')}|${insert.suffix}|${rows}`;
    const known = this.texts.get(key);
    if (known !== undefined) return known;

    const width = insert.columns.length;
    const tuples: string[] = [];
    for (let row = 0; row < rows; row++) {
      const marks = Array.from({ length: width }, (_, c) =>
        this.numbered ? `$${row * width + c + 1}` : '?',
      );
      tuples.push(`(${marks.join(', ')})`);
    }
    const columns = insert.columns.map((column) => `"${column}"`).join(', ');
    const text = `insert into "${insert.table}" (${columns}) values ${tuples.join(', ')} ${insert.suffix}`;
    // Full batches repeat one size, so only a few texts are ever kept.
    if (this.texts.size < MAX_CACHED_TEXTS) this.texts.set(key, text);
    return text;
  }
}

const MAX_CACHED_TEXTS = 64;
