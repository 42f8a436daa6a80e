import { makeRecordId } from './record-id.js';
import type { QueryResult } from './soql/run-soql.js';

/** An open query: its snapshot of rows and how many rows each page holds. */
export interface QueryCursor {
  result: QueryResult;
  batchSize: number;
}

// Salesforce keeps a user's cursors for a while and drops the oldest beyond a cap; the
// sandbox keeps the newest 200 so a long test run does not hold every snapshot.
const MAX_OPEN = 200;

/** Open query cursors by locator id (`01g…`, the key prefix of query locators). */
export class QueryCursors {
  private readonly open = new Map<string, QueryCursor>();
  private counter = 0;

  add(cursor: QueryCursor): string {
    this.counter += 1;
    const id = makeRecordId('01g', this.counter);
    this.open.set(id, cursor);
    if (this.open.size > MAX_OPEN) {
      const oldest = this.open.keys().next().value;
      if (oldest !== undefined) this.open.delete(oldest);
    }
    return id;
  }

  get(id: string): QueryCursor | undefined {
    return this.open.get(id);
  }
}
