// Driver error codes: PostgreSQL SQLSTATEs and better-sqlite3's extended result-code names.
const UNIQUE_VIOLATION = new Set([
  '23505',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);
const TRANSIENT = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown
  '53300', // too_many_connections
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'ECONNRESET',
  'ECONNREFUSED',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies driver errors by code, alike for SQLite and PostgreSQL. */
export const databaseErrors = {
  isUniqueViolation(error: unknown): boolean {
    return UNIQUE_VIOLATION.has(codeOf(error) ?? '');
  },

  isTransient(error: unknown): boolean {
    const code = codeOf(error) ?? '';
    // SQLSTATE class 08 is "connection exception".
    return TRANSIENT.has(code) || code.startsWith('08') || code.startsWith('SQLITE_BUSY');
  },
};
