import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { databaseUnavailable } from './errors.ts';
import { reconnectBackoff } from './client.ts';
import { failureReason } from '../bus/consumer.ts';
import type { Logger } from '../logger.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** Arbitrary but fixed: every Muster instance takes the same advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_304_119_001;

/**
 * Applies committed drizzle-kit migrations under a session advisory lock on one dedicated
 * connection, so instances starting together migrate one after another, never in a race.
 */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, backoff: reconnectBackoff });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Runs `step` (the migrations, a process's first use of the database) until PostgreSQL answers:
 * a process started while the database restarts waits for it, as it would wait for NATS, instead
 * of exiting and being started again. Any other failure, or none answering in `waitS`, is thrown.
 */
export async function waitForDatabase(
  step: () => Promise<void>,
  o: { waitS: number; logger: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const until = Date.now() + o.waitS * 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      await step();
      return;
    } catch (err) {
      if (!databaseUnavailable(err) || Date.now() >= until) throw err;
      if (attempt === 0)
        o.logger.warn({ reason: failureReason(err) }, 'PostgreSQL is out of reach; waiting for it');
      await sleep(Math.min(2_000, 250 * 2 ** attempt));
    }
  }
}
