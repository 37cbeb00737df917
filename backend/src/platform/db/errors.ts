/**
 * The name of the unique index a failed statement broke, or undefined when the error is not a
 * unique violation (SQLSTATE 23505). drizzle wraps the driver's error in `cause`, so the chain
 * is followed. Modules map the index they expect to their own conflict error.
 */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown };
    if (pg.code === '23505')
      return typeof pg.constraint_name === 'string' ? pg.constraint_name : '';
  }
  return undefined;
}

/** Node's socket errors and postgres.js's own codes for a connection that is gone or refused. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * Whether a failed statement failed because PostgreSQL could not be reached or went away, not
 * because of the statement: a socket error, SQLSTATE class 08 (connection exception) or 57P01–03
 * (the server shutting down, crashed, or not yet accepting). The request may be tried again.
 */
export function databaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))
      return true;
  }
  return false;
}
