import { z } from 'zod';

/** RFC 9562 UUID version 7: time-ordered, so ids sort by creation and index well. */
export const ZUuidV7 = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a UUIDv7',
  );

export const ZUuid = z.uuid();

/** The instants PostgreSQL stores as written: years 1 to 9999 (it has no year 0), in UTC. */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** An instant on the wire: ISO 8601 with an explicit offset, within years 1 to 9999 UTC. */
export const ZInstant = z.iso.datetime({ offset: true }).refine((v) => {
  const t = Date.parse(v);
  return t >= FIRST_INSTANT && t <= LAST_INSTANT;
}, 'must fall between 0001-01-01 and 9999-12-31 (UTC)');

/** A calendar day (YYYY-MM-DD), years 1 to 9999. */
export const ZDay = z.iso.date().refine((v) => !v.startsWith('0000'), 'year 0000 does not exist');
