import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readCsv } from '../../../core/csv/read-csv.js';
import { readTable } from '../../../core/csv/read-table.js';
import { TextEncodingGuard } from '../../../core/csv/text-encoding-guard.js';

const fixture = (name: string): string => `test/fixtures/csv/${name}`;

describe('CSV text encoding', () => {
  it('a GBK file fails with csv_not_utf8 at the first bad byte, with an iconv hint', async () => {
    await assert.rejects(readCsv(fixture('reviews-gbk.csv'), { requiredColumns: ['review'] }), {
      code: 'csv_not_utf8',
      message: new RegExp(
        String.raw`reviews-gbk\.csv:line 2: the file is not UTF-8 \(byte 15 is 0xBA\).*` +
          'iconv -f GBK -t UTF-8',
      ),
    });
  });

  it('Latin-1 bytes are not replaced silently: the line and byte are named', async () => {
    // 0xE9 ('é') followed by a plain letter: the 0xE9 is named, not the letter after it.
    await assert.rejects(readCsv(fixture('latin1-e.csv')), {
      message: /latin1-e\.csv:line 2: .*byte 13 is 0xE9/,
    });
    await assert.rejects(readTable(fixture('customers-latin1.csv')), {
      code: 'csv_not_utf8',
      message: /customers-latin1\.csv:line 3: .*byte 20 is 0xFC/,
    });
  });

  it('a binary file is refused as csv_binary, with no bytes of it in the message', async () => {
    await assert.rejects(readCsv(fixture('random-bytes.csv')), (error: Error) => {
      assert.equal((error as { code?: string }).code, 'csv_binary');
      assert.match(error.message, /random-bytes\.csv:line \d+: this is a binary file, not CSV/);
      assert.match(error.message, /^[\x20-\x7e]+$/);
      return true;
    });
  });

  it('UTF-16 with a BOM, NUL bytes and all, is still read', async () => {
    const table = await readCsv(fixture('utf16le-bom.csv'), { requiredColumns: ['id', 'name'] });

    assert.deepEqual(
      table.rows.map((row) => row['name']),
      ['Zoë', '北京'],
    );
  });

  it('a one-column header holding ";" hints at the separator', async () => {
    await assert.rejects(readCsv(fixture('semicolon.csv'), { requiredColumns: ['id'] }), {
      code: 'csv_missing_columns',
      message: /the file looks ;-separated, and it is read as comma-separated/,
    });
  });
});

describe('TextEncodingGuard across chunk boundaries', () => {
  const euro = Buffer.from('€', 'utf8');

  it('a character split between chunks is valid', () => {
    const guard = new TextEncodingGuard('split.csv');
    guard.push(Buffer.concat([Buffer.from('a,b\n1,'), euro.subarray(0, 1)]));
    guard.push(Buffer.concat([euro.subarray(1), Buffer.from('\n')]));
    guard.end();
  });

  it('a sequence broken in the next chunk is named by its lead byte, at its file byte', () => {
    const guard = new TextEncodingGuard('split.csv');
    guard.push(Buffer.concat([Buffer.from('a,b\n1,'), euro.subarray(0, 2)]));

    assert.throws(() => guard.push(Buffer.from('x\n')), {
      code: 'csv_not_utf8',
      message: /split\.csv:line 2: the file is not UTF-8 \(byte 6 is 0xE2\)/,
    });
  });

  it('a bad byte later in the stream counts the lines of earlier chunks', () => {
    const guard = new TextEncodingGuard('late.csv');
    guard.push(Buffer.from('a,b\n1,2\n'));

    assert.throws(() => guard.push(Buffer.from('3,4\n5,\xff\n', 'latin1')), {
      message: /late\.csv:line 4: .*byte 14 is 0xFF/,
    });
  });

  it('a file cut off inside a character fails at its end', () => {
    const guard = new TextEncodingGuard('cut.csv');
    guard.push(Buffer.concat([Buffer.from('a\n'), euro.subarray(0, 2)]));

    assert.throws(() => guard.end(), { message: /cut\.csv:line 2: .*byte 2 is 0xE2, cut off/ });
  });
});

describe('binary files without a NUL byte', () => {
  it('are told apart from text in another encoding by their control bytes', async () => {
    await assert.rejects(readCsv(fixture('random-bytes-no-nul.csv')), {
      code: 'csv_binary',
      message:
        /random-bytes-no-nul\.csv:line 1: this is a binary file, not CSV text \(control bytes/,
    });
  });
});
