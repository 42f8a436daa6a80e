import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import SqliteDatabase from 'better-sqlite3';

import { SqliteStatementCache } from '../../../core/store/sqlite-statement-cache.js';

describe('SqliteStatementCache', () => {
  it('prepares a statement once and reuses it for the same SQL', () => {
    const cache = new SqliteStatementCache(new SqliteDatabase(':memory:'));
    const first = cache.prepare('select ? as n');

    assert.equal(cache.prepare('select ? as n'), first);
    assert.notEqual(cache.prepare('select ? + 1 as n'), first);
    assert.deepEqual(first.all([2]), [{ n: 2 }]);
    cache.close();
  });

  it('gives a busy statement (a stream still reading) a fresh twin', () => {
    const cache = new SqliteStatementCache(new SqliteDatabase(':memory:'));
    const sql = 'select value from json_each(?)';
    const streaming = cache.prepare(sql).iterate(['[1,2,3]']);
    assert.deepEqual(streaming.next().value, { value: 1 });

    // A second stream of the same SQL while the first is mid-way.
    const inner = cache.prepare(sql).all(['[7]']);
    assert.deepEqual(inner, [{ value: 7 }]);
    assert.deepEqual([...streaming], [{ value: 2 }, { value: 3 }]);
    cache.close();
  });

  it('keeps at most 128 statements, dropping the least recently used', () => {
    const cache = new SqliteStatementCache(new SqliteDatabase(':memory:'));
    const kept = cache.prepare('select 0');
    const dropped = cache.prepare('select 1');
    for (let i = 2; i < 128; i++) cache.prepare(`select ${i}`);
    // Using `select 0` again makes `select 1` the oldest, so one more pushes it out.
    assert.equal(cache.prepare('select 0'), kept);
    cache.prepare(`select 128`);

    assert.equal(cache.prepare('select 0'), kept);
    assert.notEqual(cache.prepare('select 1'), dropped);
    cache.close();
  });
});
