export { readCsv, type CsvTable } from './read-csv.js';
export {
  streamCsv,
  type CsvReadOptions,
  type CsvStreamItem,
  type StreamCsvOptions,
} from './stream-csv.js';
export { parseNumber } from './parse-number.js';
export { writeCsv } from './write-csv.js';
export { readTable, WHITESPACE, type DelimitedTable } from './read-table.js';
