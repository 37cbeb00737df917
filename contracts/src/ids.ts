import { z } from 'zod';

/** RFC 9562 UUID version 7: time-ordered, so ids sort by creation and index well. */
export const ZUuidV7 = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    'must be a UUIDv7',
  );

export const ZUuid = z.uuid();

/** An instant on the wire: ISO 8601 with an explicit offset. */
export const ZInstant = z.iso.datetime({ offset: true });
