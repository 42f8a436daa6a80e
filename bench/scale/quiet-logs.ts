// Imported first by the bench entry: the logger reads LOG_LEVEL once, when it is first loaded,
// and per-batch info lines would otherwise flood stderr (and cost time) at a million records.
process.env['LOG_LEVEL'] ??= 'warn';

export {};
