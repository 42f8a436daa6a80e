import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { streamCsv, type CsvStreamItem } from '../../../core/csv/stream-csv.js';

async function collect(path: string, maxRecordBytes?: number): Promise<CsvStreamItem[]> {
  const items: CsvStreamItem[] = [];
  const options = maxRecordBytes === undefined ? {} : { maxRecordBytes };
  for await (const item of streamCsv(path, options)) items.push(item);
  return items;
}

describe('streamCsv', () => {
  let directory = '';

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crm-ml-stream-csv-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('yields rows with their line numbers, counting lines inside quoted values', async () => {
    const items = await collect('test/fixtures/csv/bom-crlf.csv');

    assert.deepEqual(
      items.map((item) => item.line),
      [2, 3, 5],
    );
  });

  it('numbers lines exactly after CRLF values spanning lines and blank lines', async () => {
    const items = await collect('test/fixtures/csv/crlf-multiline-then-bad.csv');

    assert.deepEqual(
      items.map((item) => ('row' in item ? `row ${item.line}` : `problem ${item.line}`)),
      ['row 2', 'problem 5', 'problem 7', 'problem 8', 'row 9'],
    );
    const messages = items.flatMap((item) => ('problem' in item ? [item.problem.message] : []));
    assert.match(messages[0] ?? '', /expected 3 fields as in the header, found 2/);
  });

  it('keeps a field of 300,000 characters whose emoji straddle read chunks', async () => {
    // Generated rather than committed: a fixture this size would dwarf the others.
    const long = '😀é'.repeat(100_000);
    const path = join(directory, 'long-field.csv');
    await writeFile(path, `id,text,n\n1,"${long}",2\n2,short,3\n`);

    const items = await collect(path);

    assert.equal(items.length, 2);
    const first = items[0];
    assert.ok(first !== undefined && 'row' in first);
    assert.equal(first.row['text'], long);
    assert.equal(first.row['n'], '2');
  });

  it('bounds what an unclosed quote swallows by maxRecordBytes and reads on', async () => {
    const filler = Array.from({ length: 200 }, (_, index) => `${index + 3},x,${index}`).join('\n');
    const path = join(directory, 'runaway.csv');
    await writeFile(path, `id,name,score\n1,"open,1\n${filler}\n`);

    const items = await collect(path, 1024);

    const problems = items.filter((item) => 'problem' in item);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, 2);
    assert.equal(items.filter((item) => 'row' in item).length, 200);
  });

  it('reads rows as they come without holding the file', async () => {
    const path = join(directory, 'many.csv');
    const lines = Array.from({ length: 50_000 }, (_, index) => `${index},name ${index},${index}`);
    await writeFile(path, `id,name,score\n${lines.join('\n')}\n`);

    let count = 0;
    let last: CsvStreamItem | undefined;
    for await (const item of streamCsv(path)) {
      count += 1;
      last = item;
    }

    assert.equal(count, 50_000);
    assert.deepEqual(last, {
      line: 50_001,
      row: { id: '49999', name: 'name 49999', score: '49999' },
    });
  });
});
