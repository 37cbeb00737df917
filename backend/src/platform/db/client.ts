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
  });
  const db = drizzle(sql);
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
