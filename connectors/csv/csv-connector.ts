import { stat } from 'node:fs/promises';
import type {
  Connector,
  FieldSpec,
  FieldUpdate,
  ProvisionResult,
  ReadOptions,
  SyncPage,
  WriteOutcome,
} from '../connector.js';
import { CrmMlError, type ErrorDetail } from '../../core/errors/crm-ml-error.js';
import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord, ObjectType, PropertyValue } from '../../core/records/crm-record.js';
import { applyFieldUpdate } from './apply-field-update.js';
import { createCsvDescriptor } from './csv-descriptor.js';
import { readCsvOutput, writeCsvOutput } from './csv-output.js';
import { readCsvPages } from './read-csv-pages.js';
import { scanCsvRecords } from './scan-csv-records.js';

export interface CsvConnectorOptions {
  /** The CSV file to read records from; its first line is the header. */
  inputPath: string;
  /** The header name of the column holding each record's id. */
  idColumn: string;
  /** The object type the file holds; `contacts` when absent. */
  objectType?: ObjectType;
  /** Where written fields go; the input path with `.csv` replaced by `.crm-ml.csv` if absent. */
  outputPath?: string;
}

/** A Connector over one CSV file, which also tells which lines its last scan skipped. */
export interface CsvConnector extends Connector {
  /** Lines skipped and ids repeated in the last scan of the input (read, count, write). */
  readonly problems: readonly ErrorDetail[];
}

// More skipped lines than this are counted in the summary rather than logged one by one.
const PROBLEMS_LOGGED = 20;

/**
 * A connector that reads records from a CSV file and writes fields into a second CSV file
 * (id column plus one column per field), for users without API access and for tests.
 * The input file is never modified.
 *
 * @example
 * const connector = createCsvConnector({ inputPath: 'telco.csv', idColumn: 'customerID' });
 * for await (const page of connector.read('contacts', null)) store(page);
 */
export function createCsvConnector(options: CsvConnectorOptions): CsvConnector {
  const { inputPath, idColumn } = options;
  const objectType = options.objectType ?? 'contacts';
  const outputPath = options.outputPath ?? defaultOutputPath(inputPath);
  if (idColumn.trim() === '') {
    throw new CrmMlError('csv_connector_invalid', 'CSV connector: idColumn is blank');
  }
  if (outputPath === inputPath) {
    throw new CrmMlError(
      'csv_connector_invalid',
      `CSV connector: output would overwrite ${inputPath}`,
    );
  }

  const logger = createLogger('connector.csv', { inputPath, outputPath });
  let problems: ErrorDetail[] = [];
  let knownIds: { size: number; mtimeMs: number; ids: Set<string> } | null = null;
  // Writes and provisioning rewrite the whole output file, so they take turns.
  let outputTurn: Promise<unknown> = Promise.resolve();

  function assertObjectType(requested: ObjectType): void {
    if (requested === objectType) return;
    throw new CrmMlError(
      'csv_unsupported_object_type',
      `CSV connector for ${inputPath} holds ${objectType}, not ${requested}`,
    );
  }

  function startScan(): (problem: ErrorDetail) => void {
    problems = [];
    return (problem) => {
      problems.push(problem);
      if (problems.length <= PROBLEMS_LOGGED) logger.warn({ problem }, 'input line skipped');
    };
  }

  function finishScan(rows: number, startedAt: number): void {
    const skipped = problems.length;
    logger.info({ rows, problems: skipped, durationMs: Date.now() - startedAt }, 'input scanned');
  }

  /** The ids of the input's valid rows, scanned again only when the file changed. */
  async function inputIds(): Promise<Set<string>> {
    const { size, mtimeMs } = await statInput(inputPath);
    if (knownIds?.size === size && knownIds.mtimeMs === mtimeMs) return knownIds.ids;

    const startedAt = Date.now();
    const ids = new Set<string>();
    const updatedAt = new Date(mtimeMs).toISOString();
    const onProblem = startScan();
    for await (const record of scanCsvRecords({
      path: inputPath,
      idColumn,
      objectType,
      updatedAt,
      onProblem,
    })) {
      ids.add(record.id);
    }
    finishScan(ids.size, startedAt);

    knownIds = { size, mtimeMs, ids };
    return ids;
  }

  function takeTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = outputTurn.then(work);
    outputTurn = result.catch(() => undefined);
    return result;
  }

  return {
    descriptor: createCsvDescriptor(objectType),

    get problems(): readonly ErrorDetail[] {
      return problems;
    },

    async *read(requested, cursor, readOptions: ReadOptions = {}): AsyncGenerator<SyncPage> {
      assertObjectType(requested);
      const startedAt = Date.now();
      let rows = 0;
      const onProblem = startScan();

      for await (const page of readCsvPages({
        path: inputPath,
        idColumn,
        objectType,
        cursor,
        readOptions,
        onProblem,
      })) {
        rows += page.records.length;
        yield page;
      }
      finishScan(rows, startedAt);
    },

    async count(requested) {
      assertObjectType(requested);
      return (await inputIds()).size;
    },

    provisionFields(requested, fields: readonly FieldSpec[]): Promise<ProvisionResult> {
      assertObjectType(requested);
      return takeTurn(async () => {
        const output = await readCsvOutput(outputPath, idColumn, logger);
        const result: ProvisionResult = { created: [], existing: [] };
        for (const { name } of fields) {
          if (output.fields.includes(name) || name === idColumn) result.existing.push(name);
          else result.created.push(name);
        }

        if (result.created.length > 0) {
          output.fields.push(...result.created);
          await writeCsvOutput(outputPath, idColumn, output);
          logger.info({ created: result.created }, 'fields provisioned');
        }
        return result;
      });
    },

    write(requested, updates: readonly FieldUpdate[]): Promise<WriteOutcome[]> {
      assertObjectType(requested);
      return takeTurn(async () => {
        const ids = await inputIds();
        const output = await readCsvOutput(outputPath, idColumn, logger);

        const target = { inputPath, idColumn, knownIds: ids, output };
        const outcomes = updates.map((update) => applyFieldUpdate(update, target));
        if (outcomes.some((outcome) => outcome.ok)) {
          await writeCsvOutput(outputPath, idColumn, output);
        }

        const failed = outcomes.filter((outcome) => !outcome.ok).length;
        logger.info({ written: outcomes.length - failed, failed }, 'fields written');
        return outcomes;
      });
    },

    async fetch(requested, ids: readonly string[], properties: readonly string[]) {
      assertObjectType(requested);
      const known = await inputIds();
      const output = await readCsvOutput(outputPath, idColumn, logger);
      const updatedAt = await lastWriteTime(outputPath, inputPath);

      const records: CrmRecord[] = [];
      for (const id of new Set(ids)) {
        if (!known.has(id)) continue;
        const values = output.rows.get(id) ?? {};
        const picked: Record<string, PropertyValue> = {};
        // Blank reads back as null: a CSV cannot tell "" from "never written".
        for (const name of properties) picked[name] = values[name] || null;
        records.push({ id, objectType, properties: picked, updatedAt, archived: false });
      }
      return records;
    },
  };
}

function defaultOutputPath(inputPath: string): string {
  return inputPath.endsWith('.csv')
    ? `${inputPath.slice(0, -'.csv'.length)}.crm-ml.csv`
    : `${inputPath}.crm-ml.csv`;
}

async function statInput(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    return await stat(path);
  } catch (error) {
    throw new CrmMlError('csv_not_found', `${path} does not exist`, { cause: error });
  }
}

async function lastWriteTime(outputPath: string, inputPath: string): Promise<string> {
  const info = await stat(outputPath).catch(() => stat(inputPath));
  return new Date(info.mtimeMs).toISOString();
}
