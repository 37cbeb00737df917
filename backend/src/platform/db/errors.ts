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
