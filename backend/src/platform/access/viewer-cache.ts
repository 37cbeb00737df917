import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Sql } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { ACCESS_CHANGED_CHANNEL, parseAccessChange } from './access-changes.ts';
import type { SessionLookup } from './sessions.ts';

/**
 * The viewers of recently used sessions, per process, so a request costs no database round trip
 * for who is asking. Safety rests on three things:
 * - every change a viewer is built from (session revoked, account role/status/team/password,
 *   grant given or ended, team decision) NOTIFYs `muster_access_changed` in its own transaction,
 *   and each process drops what it names when it hears it;
 * - the cache answers only while it can prove it is hearing: it NOTIFYs itself a ping every
 *   `staleMs / 3` while in use, and PostgreSQL delivers notices in commit order, so once a ping
 *   sent at t has come back every change committed before t has been heard. When none sent in the
 *   last `staleMs` has come back (the LISTEN connection dropped, PostgreSQL is slow), every
 *   request reads the database again. A revocation therefore reaches every process within
 *   `staleMs` whatever fails, and within milliseconds when nothing does;
 * - entries live `ttlMs` at most (a change written by hand, without a notice), the cache holds
 *   `maxEntries` at most, and it is emptied whenever the listener (re)connects.
 */
export interface ViewerCache {
  /** The kept lookup of a session, or undefined (absent, too old, or the cache cannot vouch). */
  get(sessionId: string): SessionLookup | undefined;
  /** Call before reading the database; pass to `put`, which then refuses if anything changed. */
  epoch(): number;
  put(sessionId: string, lookup: SessionLookup, epoch: number): void;
  /** Replaces a kept lookup (its `last_seen_at` moved) without renewing its age. */
  refresh(sessionId: string, lookup: SessionLookup): void;
  drop(change: { sessions?: readonly string[]; accounts?: string[]; teams?: string[] }): void;
  clear(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Entries kept, and whether it can vouch for them now (tests, metrics). */
  state(): { size: number; live: boolean };
}

export interface ViewerCacheOptions {
  sql: Sql;
  logger: Logger;
  maxEntries: number;
  ttlMs: number;
  staleMs: number;
  /** Monotonic milliseconds (tests). */
  now?: () => number;
}

interface Entry {
  lookup: SessionLookup;
  at: number;
}

/** No pings once the cache has not been asked for this long: an idle process stays quiet. */
const IDLE_MS = 30_000;

export function createViewerCache(o: ViewerCacheOptions): ViewerCache {
  const now = o.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  const me = randomBytes(9).toString('base64url');
  const pingEvery = Math.max(50, Math.floor(o.staleMs / 3));
  let epoch = 0;
  let heardSentAt = Number.NEGATIVE_INFINITY;
  let lastPingAt = Number.NEGATIVE_INFINITY;
  let lastUse = Number.NEGATIVE_INFINITY;
  /** When the oldest ping not yet answered was sent. */
  let unansweredSince: number | undefined;
  let pinging = false;
  let resubscribing = false;
  let timer: NodeJS.Timeout | undefined;
  let sub: { unlisten(): Promise<void> } | undefined;
  let stopped = true;

  const clear = () => {
    entries.clear();
    epoch++;
  };
  const live = () => now() - heardSentAt <= o.staleMs;

  const onNotice = (payload: string) => {
    const c = parseAccessChange(payload);
    for (const p of c.pings) {
      const [who, at] = p.split(':');
      if (who === me && Number(at) > heardSentAt) {
        heardSentAt = Number(at);
        unansweredSince = undefined;
      }
    }
    if (c.sessions.length + c.accounts.length + c.teams.length > 0) drop(c);
  };

  const subscribe = async () => {
    sub = await o.sql.listen(ACCESS_CHANGED_CHANNEL, onNotice, () => {
      // Connected or reconnected: whatever was said while it was down is lost.
      clear();
      heardSentAt = Number.NEGATIVE_INFINITY;
    });
  };

  /** The listener looks dead (postgres.js gives up re-listening after a failed reconnect). */
  const resubscribe = () => {
    if (resubscribing || stopped) return;
    resubscribing = true;
    o.logger.warn('the session cache hears no notices; listening again');
    const old = sub;
    void (async () => {
      try {
        await old?.unlisten();
        if (!stopped) await subscribe();
      } catch (err) {
        o.logger.warn({ err }, 'listening for access changes failed; will retry');
      } finally {
        resubscribing = false;
      }
    })();
  };

  const ping = () => {
    const t = now();
    if (pinging || stopped || t - lastPingAt < pingEvery) return;
    pinging = true;
    lastPingAt = t;
    const payload = JSON.stringify([`p:${me}:${t}`]);
    o.sql`select pg_notify(${ACCESS_CHANGED_CHANNEL}, ${payload})`
      .then(
        () => undefined,
        (err: unknown) => o.logger.warn({ err }, 'session cache ping failed'),
      )
      .finally(() => {
        pinging = false;
      });
    // Pinging for a while and hearing nothing back: the listener is gone.
    unansweredSince ??= t;
    if (t - unansweredSince > 10 * o.staleMs) {
      unansweredSince = t;
      resubscribe();
    }
  };

  function drop(c: { sessions?: readonly string[]; accounts?: string[]; teams?: string[] }) {
    epoch++;
    for (const id of c.sessions ?? []) entries.delete(id);
    const accounts = new Set(c.accounts ?? []);
    const teams = new Set(c.teams ?? []);
    if (accounts.size + teams.size === 0) return;
    for (const [id, e] of entries) {
      const v = e.lookup.viewer;
      if (accounts.has(v.accountId) || (v.teamId !== null && teams.has(v.teamId)))
        entries.delete(id);
    }
  }

  return {
    get(sessionId) {
      const t = now();
      lastUse = t;
      if (!live()) {
        if (entries.size > 0) clear();
        ping();
        return undefined;
      }
      const e = entries.get(sessionId);
      if (!e) return undefined;
      if (t - e.at > o.ttlMs) {
        entries.delete(sessionId);
        return undefined;
      }
      return e.lookup;
    },
    epoch: () => epoch,
    put(sessionId, lookup, at) {
      if (stopped || at !== epoch || !live()) return;
      entries.delete(sessionId);
      if (entries.size >= o.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(sessionId, { lookup, at: now() });
    },
    refresh(sessionId, lookup) {
      const e = entries.get(sessionId);
      if (e) e.lookup = lookup;
    },
    drop,
    clear,
    async start() {
      if (!stopped) return;
      stopped = false;
      await subscribe();
      timer = setInterval(() => {
        if (now() - lastUse <= IDLE_MS) ping();
      }, pingEvery);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clear();
      const s = sub;
      sub = undefined;
      await s?.unlisten();
    },
    state: () => ({ size: entries.size, live: live() }),
  };
}
