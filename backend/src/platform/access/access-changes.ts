import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/**
 * Channel on which every change to what a viewer is built from is announced (NOTIFY), so each
 * process drops the viewers it keeps of the sessions touched. Payload: a JSON array of
 * `s:<session id>`, `a:<account id>` or `t:<team id>` (and each listening process's pings, see
 * heard-channel.ts).
 */
export const ACCESS_CHANGED_CHANNEL = 'muster_access_changed';

/** Whose viewers a change touches: sessions, accounts (role, status, team, password), teams. */
export interface AccessChange {
  sessions?: readonly string[];
  accounts?: readonly (string | null | undefined)[];
  teams?: readonly (string | null | undefined)[];
}

export interface ParsedAccessChange {
  sessions: string[];
  accounts: string[];
  teams: string[];
}

const SESSION_ID = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Announces a change inside the changing transaction: PostgreSQL delivers the NOTIFY on commit
 * and drops it on rollback, so a process never forgets a viewer for a change that did not happen
 * and never keeps one past a change that did.
 */
export async function notifyAccessChanged(tx: Executor, change: AccessChange): Promise<void> {
  const keys = [
    ...new Set([
      ...(change.sessions ?? []).map((id) => `s:${id}`),
      ...(change.accounts ?? []).filter((x): x is string => !!x).map((id) => `a:${id}`),
      ...(change.teams ?? []).filter((x): x is string => !!x).map((id) => `t:${id}`),
    ]),
  ];
  for (const payload of noticePayloads(keys))
    await tx.execute(sql`select pg_notify(${ACCESS_CHANGED_CHANNEL}, ${payload})`);
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a margin keeps clear of it. */
export const NOTIFY_MAX_BYTES = 7_900;

/** Splits strings into JSON arrays of at most `maxBytes` each (an account may have hundreds). */
export function noticePayloads(keys: readonly string[], maxBytes = NOTIFY_MAX_BYTES): string[] {
  const out: string[] = [];
  let chunk: string[] = [];
  let bytes = 2; // the brackets
  for (const key of keys) {
    const size = Buffer.byteLength(JSON.stringify(key));
    // Each key after the first of a chunk costs a comma too.
    if (chunk.length > 0 && bytes + 1 + size > maxBytes) {
      out.push(JSON.stringify(chunk));
      chunk = [];
      bytes = 2;
    }
    bytes += size + (chunk.length > 0 ? 1 : 0);
    chunk.push(key);
  }
  if (chunk.length > 0) out.push(JSON.stringify(chunk));
  return out;
}

/** What a payload names; anything else on the channel is ignored. */
export function parseAccessChange(payload: string): ParsedAccessChange {
  const out: ParsedAccessChange = { sessions: [], accounts: [], teams: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return out;
  }
  if (!Array.isArray(raw)) return out;
  for (const x of raw) {
    if (typeof x !== 'string') continue;
    const id = x.slice(2);
    if (x.startsWith('s:') && SESSION_ID.test(id)) out.sessions.push(id);
    else if (x.startsWith('a:') && UUID.test(id)) out.accounts.push(id.toLowerCase());
    else if (x.startsWith('t:') && UUID.test(id)) out.teams.push(id.toLowerCase());
  }
  return out;
}
