import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCsvConnector } from '../../../connectors/csv/index.js';
import { KIT_PROPERTIES, runConnectorConformance } from '../../../connectors/testkit/index.js';
import type { FakeCrm, SeedRecord } from '../../../connectors/testkit/index.js';
import { writeCsv } from '../../../core/csv/write-csv.js';

/** A CSV file in a fresh directory; every hook rewrites the file as a user editing it would. */
async function fakeCsv(): Promise<FakeCrm> {
  const directory = await mkdtemp(join(tmpdir(), 'crm-ml-kit-csv-'));
  const inputPath = join(directory, 'records.csv');
  const rows = new Map<string, Record<string, string>>();
  let nextId = 1;
  // A blank cell is how a file says null.
  const save = (): Promise<void> => writeCsv(inputPath, ['id', ...KIT_PROPERTIES], rows.values());
  const cells = (record: SeedRecord): Record<string, string> =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, value ?? '']));
  const seed = async (records: readonly SeedRecord[]): Promise<string[]> => {
    const ids = records.map((record) => {
      const id = `r-${nextId++}`;
      rows.set(id, { id, ...cells(record) });
      return id;
    });
    await save();
    return ids;
  };
  await save();

  return {
    connector: createCsvConnector({ inputPath, idColumn: 'id' }),
    seed,
    // Every row carries the file's modification time: all of them always share one timestamp.
    seedSharingTimestamp: (records) => seed(records),
    update: async (id, values) => {
      rows.set(id, { ...rows.get(id), ...cells(values), id });
      await save();
    },
    remove: async (id) => {
      rows.delete(id);
      await save();
    },
    absentId: 'r-none',
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

runConnectorConformance({
  name: 'csv',
  objectType: 'contacts',
  start: fakeCsv,
  // A blank cell reads back as '' from the input file, and as null from the output file.
  blankValues: 'merged',
  // A file has no per-record change times: any change re-reads the whole file.
  changeTracking: 'source',
  unsupported: {
    startWithFaults: 'CSV files have no rate limits, servers or timeouts',
    expireToken: 'a CSV file has no access token',
    failWritesFor: 'the output file takes every write to a known id (absentId covers failures)',
  },
});
