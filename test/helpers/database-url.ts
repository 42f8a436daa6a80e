/**
 * The PostgreSQL URL for suites that need one, or undefined with one loud line saying the
 * suite is skipped. CI sets DATABASE_URL; a laptop without PostgreSQL still passes.
 */
export function postgresUrlOrWarn(suite: string): string | undefined {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    process.stderr.write(
      `\n*** ${suite}: PostgreSQL part SKIPPED — DATABASE_URL is not set ***\n\n`,
    );
  }
  return url;
}

/** The Redis URL for suites that need one, or undefined with one loud line saying so. */
export function redisUrlOrWarn(suite: string): string | undefined {
  const url = process.env['REDIS_URL'];
  if (!url) {
    process.stderr.write(`\n*** ${suite}: Redis part SKIPPED — REDIS_URL is not set ***\n\n`);
  }
  return url;
}
