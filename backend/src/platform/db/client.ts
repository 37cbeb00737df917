import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';

export type Db = PostgresJsDatabase;
/** A transaction handle; what a module writes through so its rows and events commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: read helpers accept both. */
export type Executor = Db | Tx;
export type Sql = postgres.Sql;

export interface Database {
  db: Db;
  sql: Sql;
  close(): Promise<void>;
}

/**
 * Seconds before a closed connection is opened again, by failed attempts so far (shared by the
 * pool): 0.1, 0.2, 0.4, 0.8, then about 1 s, with jitter. The driver's own grows to 20 s, which
 * left a process idle for up to 20 s after PostgreSQL was back from a restart.
 */
export function reconnectBackoff(retries: number): number {
  return Math.min(0.1 * 2 ** retries, 1) * (0.75 + Math.random() / 4);
}

/** One pool per process; `onnotice` silenced so PostgreSQL notices never reach stdout. */
export function createDatabase(
  url: string,
  opts: { max?: number; appName?: string } = {},
): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { application_name: opts.appName ?? 'muster' },
    // Reconnect lazily; a query during an outage fails fast instead of hanging.
    connect_timeout: 10,
    backoff: reconnectBackoff,
  });
  const db = drizzle(sql);
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
