import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

// The store runs a few dozen distinct statements; bulk inserts add one per batch size.
const MAX_CACHED_STATEMENTS = 128;

/**
 * The SQLite handle Kysely is given: the same database, with prepared statements kept and
 * reused by their SQL text. Kysely's SQLite driver prepares every statement it runs, and
 * compiling a multi-row INSERT of a thousand rows costs about as much as running it.
 *
 * A statement still being iterated (a streamed query) is busy; asking for its SQL again then
 * gets a fresh statement, so two streams never share one.
 */
export class SqliteStatementCache implements SqliteDatabase {
  // A Map keeps insertion order: re-inserting on use makes its first key the least recent.
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: BetterSqlite) {}

  prepare(sql: string): Statement {
    const cached = this.statements.get(sql);
    if (cached !== undefined && !cached.busy) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }

    const statement = this.database.prepare(sql);
    if (cached === undefined) this.remember(sql, statement);
    return statement;
  }

  close(): void {
    this.statements.clear();
    this.database.close();
  }

  private remember(sql: string, statement: Statement): void {
    this.statements.set(sql, statement);
    if (this.statements.size <= MAX_CACHED_STATEMENTS) return;
    const oldest = this.statements.keys().next().value;
    if (oldest !== undefined) this.statements.delete(oldest);
  }
}
