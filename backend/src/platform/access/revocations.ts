import { sql } from 'drizzle-orm';
import type { Executor, Sql } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { noticePayloads, notifyAccessChanged } from './access-changes.ts';

/**
 * Channel every session revocation is announced on (NOTIFY, payload: a JSON array of session ids),
 * so each process ends its own sockets of the session, whichever process revoked it.
 */
export const SESSIONS_REVOKED_CHANNEL = 'muster_sessions_revoked';

/** A session id is the SHA-256 (hex) of its token. */
const SESSION_ID = /^[0-9a-f]{64}$/;

/** Splits session ids into JSON arrays under PostgreSQL's NOTIFY payload limit. */
export const revocationPayloads = noticePayloads;

/** The session ids a payload names; anything else on the channel is ignored. */
export function parseRevocation(payload: string): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter((x): x is string => typeof x === 'string' && SESSION_ID.test(x));
}

/**
 * Announces revoked sessions inside the revoking transaction: PostgreSQL delivers the NOTIFY on
 * commit and drops it on rollback, so no process hears of a revocation that did not happen.
 */
export async function notifyRevoked(tx: Executor, ids: readonly string[]): Promise<void> {
  for (const payload of revocationPayloads(ids))
    await tx.execute(sql`select pg_notify(${SESSIONS_REVOKED_CHANNEL}, ${payload})`);
  // The viewer caches hear every change on one channel, so one ping proves they missed none.
  await notifyAccessChanged(tx, { sessions: ids });
}

/** LISTENs on the channel (postgres.js keeps a connection of its own for it and re-listens). */
export async function listenForRevocations(o: {
  sql: Sql;
  logger: Logger;
  onRevoked(ids: string[]): void;
}): Promise<() => Promise<void>> {
  const sub = await o.sql.listen(SESSIONS_REVOKED_CHANNEL, (payload) => {
    const ids = parseRevocation(payload);
    if (ids.length > 0) o.onRevoked(ids);
    else o.logger.warn('ignored a session revocation notice that names no session');
  });
  return () => sub.unlisten();
}
