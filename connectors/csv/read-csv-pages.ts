import type { ReadOptions, SyncPage } from '../connector.js';
import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import {
  decodeCsvCursor,
  encodeCsvCursor,
  packIds,
  unpackIds,
  type CsvCursor,
} from './csv-cursor.js';
import { fingerprintFile, isFileUnchanged, type FileFingerprint } from './file-fingerprint.js';
import { scanCsvRecords } from './scan-csv-records.js';

export interface ReadCsvPagesOptions {
  path: string;
  idColumn: string;
  objectType: ObjectType;
  cursor: string | null;
  readOptions: ReadOptions;
  onProblem: (problem: ErrorDetail) => void;
}

const PAGE_SIZE = 500;

/**
 * The sync of a CSV file. A file has no per-record change times, so any change to it means a
 * full re-read (consumers upsert); the ids missing from the new file come as deletedIds on
 * the last page, which is always yielded because it carries the cursor of the whole file.
 * A cursor saved mid-read resumes after its page while the file is unchanged.
 */
export async function* readCsvPages(options: ReadCsvPagesOptions): AsyncGenerator<SyncPage> {
  const { path, readOptions } = options;
  const previous = options.cursor === null ? null : decodeCsvCursor(options.cursor);
  const file = await fingerprintFile(path);

  const sameFile = previous !== null && isSameContent(previous.file, file);
  if (sameFile && previous.rowsDone === null) return;

  const rowsToSkip = sameFile ? (previous.rowsDone ?? 0) : 0;
  const baselineIds = previous?.ids ?? packIds([]);
  const seenIds = new Set<string>();
  let rowsRead = 0;
  let records: CrmRecord[] = [];

  for await (const record of scanCsvRecords({
    path,
    idColumn: options.idColumn,
    objectType: options.objectType,
    updatedAt: new Date(file.mtimeMs).toISOString(),
    onProblem: options.onProblem,
  })) {
    seenIds.add(record.id);
    rowsRead += 1;
    if (rowsRead <= rowsToSkip) continue;

    records.push(pickProperties(record, readOptions.properties));
    if (records.length === PAGE_SIZE) {
      readOptions.signal?.throwIfAborted();
      const cursor: CsvCursor = { file, rowsDone: rowsRead, ids: baselineIds };
      yield { records, deletedIds: [], cursor: encodeCsvCursor(cursor) };
      records = [];
    }
  }

  if (!(await isFileUnchanged(path, file))) {
    throw new CrmMlError('csv_changed_during_read', `${path} changed while it was being read`, {
      retryable: true,
    });
  }

  const deletedIds = unpackIds(baselineIds).filter((id) => !seenIds.has(id));
  const cursor: CsvCursor = { file, rowsDone: null, ids: packIds(seenIds) };
  yield { records, deletedIds, cursor: encodeCsvCursor(cursor) };
}

// The hash decides: a file touched but not edited has a new mtime and the same content.
function isSameContent(saved: FileFingerprint, current: FileFingerprint): boolean {
  return saved.size === current.size && saved.sha256 === current.sha256;
}

function pickProperties(record: CrmRecord, names: readonly string[] | undefined): CrmRecord {
  if (names === undefined) return record;

  const properties: Record<string, PropertyValue> = {};
  for (const name of names) {
    const value = record.properties[name];
    if (value !== undefined) properties[name] = value;
  }
  return { ...record, properties };
}
