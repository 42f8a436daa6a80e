export {
  createCsvConnector,
  type CsvConnector,
  type CsvConnectorOptions,
} from './csv-connector.js';
