import { performance } from 'node:perf_hooks';
import type { Sql } from '../db/client.ts';
import { createHeardChannel } from '../db/heard-channel.ts';
import type { Logger } from '../logger.ts';
import { ACCESS_CHANGED_CHANNEL, parseAccessChange } from './access-changes.ts';
import type { SessionLookup } from './sessions.ts';

/**
 * The viewers of recently used sessions, per process, so a request costs no database round trip
 * for who is asking. Safety rests on three things:
 * - every change a viewer is built from (session revoked, account role/status/team/password,
 *   grant given or ended, team decision) NOTIFYs `muster_access_changed` in its own transaction,
 *   and each process drops what it names when it hears it;
 * - the cache answers only while it can prove it is hearing (heard-channel.ts: its own pings
 *   come back within `staleMs`); otherwise every request reads the database again. A revocation
 *   therefore reaches every process within `staleMs` whatever fails, and within milliseconds
 *   when nothing does;
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

export function createViewerCache(o: ViewerCacheOptions): ViewerCache {
  const now = o.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  let epoch = 0;
  let stopped = true;

  const clear = () => {
    entries.clear();
    epoch++;
  };

  const drop = (c: { sessions?: readonly string[]; accounts?: string[]; teams?: string[] }) => {
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
  };

  const heard = createHeardChannel({
    sql: o.sql,
    logger: o.logger,
    channel: ACCESS_CHANGED_CHANNEL,
    staleMs: o.staleMs,
    onNotice: (payload) => drop(parseAccessChange(payload)),
    onReset: clear,
    ...(o.now ? { now: o.now } : {}),
  });

  return {
    get(sessionId) {
      if (!heard.live()) {
        if (entries.size > 0) clear();
        return undefined;
      }
      const e = entries.get(sessionId);
      if (!e) return undefined;
      if (now() - e.at > o.ttlMs) {
        entries.delete(sessionId);
        return undefined;
      }
      return e.lookup;
    },
    epoch: () => epoch,
    put(sessionId, lookup, at) {
      if (stopped || at !== epoch || !heard.live()) return;
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
      stopped = false;
      await heard.start();
    },
    async stop() {
      stopped = true;
      await heard.stop();
    },
    state: () => ({ size: entries.size, live: heard.live() }),
  };
}
