/** A unique index said no: which one (its name), so the caller can name the conflict. */
export function uniqueViolation(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown };
    if (pg.code === '23505')
      return typeof pg.constraint_name === 'string' ? pg.constraint_name : '';
  }
  return undefined;
}
