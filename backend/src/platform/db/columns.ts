import { timestamp } from 'drizzle-orm/pg-core';

/** An instant: `timestamp with time zone`, the one way Muster stores time. */
export const instant = (name: string) => timestamp(name, { withTimezone: true });
