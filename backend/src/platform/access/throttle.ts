import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { loginThrottle } from './tables.ts';

/** Failures that cost nothing: people mistype. */
export const FREE_FAILURES = 3;
/** The longest block: long enough to make guessing hopeless, short enough not to lock out for long. */
export const MAX_BLOCK_S = 15 * 60;
/** A key with no failure for this long starts again from zero, so a rare typo never accumulates. */
const FORGET_AFTER = '24 hours';

/** Seconds a key is blocked after its n-th failure in a row: 0, 0, 0, 2, 4, 8, … capped at 15 min. */
export function blockSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_BLOCK_S);
}

export const accountKey = (username: string) => `account:${username}`;
export const addressKey = (address: string) => `address:${address}`;

/**
 * Growing delays after failed log-ins, per key (`account:<username>`, `address:<ip>`), kept in
 * PostgreSQL so every API instance sees the same counts.
 */
export interface LoginThrottle {
  /** Seconds until all the keys may try again; 0 when none is blocked. */
  retryAfter(keys: readonly string[]): Promise<number>;
  /** Counts a failure against each key; returns the longest block it started, in seconds. */
  recordFailure(keys: readonly string[]): Promise<number>;
  clear(key: string): Promise<void>;
  /** Deletes keys quiet for a day (they hold client addresses); returns how many. */
  forgetQuiet(): Promise<number>;
}

export function createLoginThrottle(db: Db, clock: Clock): LoginThrottle {
  return {
    async forgetQuiet() {
      const gone = await db
        .delete(loginThrottle)
        .where(
          sql`${loginThrottle.lastFailureAt} < ${clock.now()}::timestamptz - ${FORGET_AFTER}::interval`,
        )
        .returning({ key: loginThrottle.key });
      return gone.length;
    },
    async retryAfter(keys) {
      const now = clock.now().getTime();
      const rows = await db
        .select({ blockedUntil: loginThrottle.blockedUntil })
        .from(loginThrottle)
        .where(inArray(loginThrottle.key, [...keys]));
      let wait = 0;
      for (const r of rows) {
        const left = r.blockedUntil ? r.blockedUntil.getTime() - now : 0;
        if (left > 0) wait = Math.max(wait, Math.ceil(left / 1000));
      }
      return wait;
    },

    async recordFailure(keys) {
      const now = clock.now();
      let longest = 0;
      for (const key of keys) {
        // One statement counts atomically, so concurrent failures are all counted.
        const [row] = await db
          .insert(loginThrottle)
          .values({ key, failures: 1, lastFailureAt: now })
          .onConflictDoUpdate({
            target: loginThrottle.key,
            set: {
              failures: sql`case when ${loginThrottle.lastFailureAt} < ${now.toISOString()}::timestamptz - interval '${sql.raw(FORGET_AFTER)}'
                then 1 else ${loginThrottle.failures} + 1 end`,
              lastFailureAt: now,
            },
          })
          .returning({ failures: loginThrottle.failures });
        const block = blockSeconds(row?.failures ?? 1);
        if (block === 0) continue;
        longest = Math.max(longest, block);
        const until = new Date(now.getTime() + block * 1000);
        // Never shorten a block a concurrent failure set further out.
        await db
          .update(loginThrottle)
          .set({
            blockedUntil: sql`greatest(coalesce(${loginThrottle.blockedUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)`,
          })
          .where(eq(loginThrottle.key, key));
      }
      return longest;
    },

    async clear(key) {
      await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
    },
  };
}
