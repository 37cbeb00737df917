import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db, Executor, Sql } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { viewerAccountOf, type AccountRow } from './accounts.ts';
import { activeGrantsJson, viewerFrom, type ActiveGrant } from './grants.ts';
import { listenForRevocations, notifyRevoked } from './revocations.ts';
import { accounts, sessions } from './tables.ts';
import type { ViewerCache } from './viewer-cache.ts';
import type { Viewer } from './viewer.ts';

export type SessionClient = 'browser' | 'api';

/** A live session. `id` is the SHA-256 (hex) of its token: the token itself is never stored. */
export interface SessionInfo {
  id: string;
  accountId: string;
  client: SessionClient;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session ends here even if used every minute. */
  expiresAt: Date;
  /** The session ends here unless used before; never later than `expiresAt`. */
  idleExpiresAt: Date;
}

export interface SessionLookup {
  viewer: Viewer;
  session: SessionInfo;
  account: AccountRow;
}

export type RevokeReason = 'logout' | 'password_changed' | 'account_disabled' | 'expired';

export interface SessionStore {
  /** Opens a session; the token is returned once and only its hash is kept. */
  create(
    tx: Executor,
    accountId: string,
    client: SessionClient,
  ): Promise<{ token: string; session: SessionInfo }>;
  /**
   * The viewer behind a token, or undefined when the token is unknown, revoked, idle too long,
   * past its absolute expiry, or its account is no longer active. Touches `last_seen_at` at most
   * once a minute (use), unless `touch` is false: a server checking on its own (a socket's
   * expiry timer) is not the user's activity and must not keep the session alive.
   */
  viewerForToken(token: string, opts?: { touch?: boolean }): Promise<SessionLookup | undefined>;
  /**
   * Revokes one session inside the caller's transaction; every listening process hears of it
   * when that commits (NOTIFY). Call `announce` after commit to tell this process's listeners
   * at once.
   */
  revoke(tx: Executor, sessionId: string, reason: RevokeReason): Promise<string[]>;
  /** Revokes every live session of an account inside the caller's transaction (as `revoke`). */
  revokeAll(tx: Executor, accountId: string, reason: RevokeReason): Promise<string[]>;
  /** Tells this process's revocation listeners (after the revoking transaction committed). */
  announce(sessionIds: readonly string[]): void;
  /** Marks every session past its idle or absolute expiry revoked and announces them. */
  sweepExpired(): Promise<string[]>;
  /** Which of these sessions are revoked or unknown (a check that needs no notice). */
  revokedAmong(sessionIds: readonly string[]): Promise<string[]>;
  /**
   * Called once with the ids of revoked sessions, so live sockets of them can be disconnected:
   * revocations of this process, and of every process once `listen` has been called.
   */
  onRevoked(listener: (sessionIds: string[]) => void): () => void;
  /** Starts hearing every process's revocations (LISTEN); needed where sockets are held. */
  listen(): Promise<void>;
  unlisten(): Promise<void>;
}

export interface SessionConfig {
  SESSION_IDLE_MINUTES: number;
  SESSION_ABSOLUTE_HOURS: number;
}

/** A token is 32 random bytes, base64url: exactly 43 characters of this alphabet. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Writing `last_seen_at` on every request would turn reads into writes; a minute is precise enough. */
const TOUCH_EVERY_MS = 60_000;
/**
 * A revocation reaches listeners once although it is heard twice (this process's own `announce`
 * and its NOTIFY); ids are remembered this long to tell.
 */
const HEARD_MS = 10 * 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionStore(
  db: Db,
  clock: Clock,
  config: SessionConfig,
  opts: { sql?: Sql; logger?: Logger; cache?: ViewerCache } = {},
): SessionStore {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  const listeners = new Set<(ids: string[]) => void>();
  const heard = new Map<string, number>();
  let stopListening: (() => Promise<void>) | undefined;

  const info = (row: typeof sessions.$inferSelect): SessionInfo => {
    const idle = new Date(row.lastSeenAt.getTime() + idleMs);
    return {
      id: row.tokenHash,
      accountId: row.accountId,
      client: row.client as SessionClient,
      csrfToken: row.csrfToken,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      idleExpiresAt: idle < row.expiresAt ? idle : row.expiresAt,
    };
  };

  const cache = opts.cache;
  const announce = (ids: readonly string[]) => {
    // This process stops vouching for them at once; the NOTIFY reaches the others.
    cache?.drop({ sessions: ids });
    // Wall time, not the injected clock: this only bounds memory.
    const now = Date.now();
    for (const [id, at] of heard) {
      if (now - at <= HEARD_MS) break;
      heard.delete(id);
    }
    const fresh = ids.filter((id) => !heard.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) heard.set(id, now);
    for (const l of listeners) {
      try {
        l([...fresh]);
      } catch {
        // A failing listener must not undo a revocation or starve the others.
      }
    }
  };

  /** Revokes and, in the same transaction, tells every listening process (see revocations.ts). */
  const revokeWhere = async (tx: Executor, where: SQL | undefined, reason: RevokeReason) => {
    const ids = (
      await tx
        .update(sessions)
        .set({ revokedAt: clock.now(), revokeReason: reason })
        .where(and(where, isNull(sessions.revokedAt)))
        .returning({ id: sessions.tokenHash })
    ).map((r) => r.id);
    await notifyRevoked(tx, ids);
    return ids;
  };
  /** A kept session, its use written down at most once a minute as without the cache. */
  const touched = async (kept: SessionLookup, touch: boolean): Promise<SessionLookup> => {
    const now = clock.now();
    const s = kept.session;
    if (!touch || now.getTime() - s.lastSeenAt.getTime() < TOUCH_EVERY_MS) return kept;
    const idle = new Date(now.getTime() + idleMs);
    const next: SessionLookup = {
      ...kept,
      session: { ...s, lastSeenAt: now, idleExpiresAt: idle < s.expiresAt ? idle : s.expiresAt },
    };
    // Kept first, so the requests arriving meanwhile do not write it too.
    cache?.refresh(s.id, next);
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, s.id));
    return next;
  };
  const revokeNow = (where: SQL | undefined, reason: RevokeReason) =>
    db.transaction((tx) => revokeWhere(tx, where, reason));

  return {
    async create(tx, accountId, client) {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const [row] = await tx
        .insert(sessions)
        .values({
          tokenHash: sessionIdOf(token),
          accountId,
          csrfToken: randomBytes(32).toString('base64url'),
          client,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + absoluteMs),
        })
        .returning();
      if (!row) throw new Error('session insert returned no row');
      return { token, session: info(row) };
    },

    async viewerForToken(token, { touch = true } = {}) {
      if (!TOKEN.test(token)) return undefined;
      const id = sessionIdOf(token);
      const kept = cache?.get(id);
      // A kept session past its idle expiry goes to the database: another process may have
      // seen it used since.
      if (kept && clock.now() < kept.session.idleExpiresAt) return touched(kept, touch);
      const epoch = cache?.epoch() ?? 0;
      // One statement: the session, its account and their active grants.
      const [found] = await db
        .select({ session: sessions, account: accounts, grants: activeGrantsJson(accounts) })
        .from(sessions)
        .innerJoin(accounts, eq(accounts.id, sessions.accountId))
        .where(eq(sessions.tokenHash, id))
        .limit(1);
      if (!found || found.session.revokedAt) return undefined;
      const now = clock.now();
      let session = info(found.session);
      if (now >= session.idleExpiresAt) {
        announce(await revokeNow(eq(sessions.tokenHash, id), 'expired'));
        return undefined;
      }
      if (found.account.status !== 'active') return undefined;
      if (touch && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, id));
        session = info({ ...found.session, lastSeenAt: now });
      }
      const active = JSON.parse(found.grants) as ActiveGrant[];
      const viewer = viewerFrom(viewerAccountOf(found.account), active, id);
      const lookup = { viewer, session, account: found.account };
      cache?.put(id, lookup, epoch);
      return lookup;
    },

    revoke: (tx, sessionId, reason) => revokeWhere(tx, eq(sessions.tokenHash, sessionId), reason),
    revokeAll: (tx, accountId, reason) =>
      revokeWhere(tx, eq(sessions.accountId, accountId), reason),
    announce,

    async sweepExpired() {
      const now = clock.now();
      const ids = await revokeNow(
        or(
          lte(sessions.expiresAt, now),
          lte(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
        ),
        'expired',
      );
      announce(ids);
      return ids;
    },

    async revokedAmong(ids) {
      const alive = new Set<string>();
      // In slices: a gateway may hold thousands of sessions, a statement 65,535 parameters.
      for (let i = 0; i < ids.length; i += 1000) {
        const live = await db
          .select({ id: sessions.tokenHash })
          .from(sessions)
          .where(
            and(inArray(sessions.tokenHash, ids.slice(i, i + 1000)), isNull(sessions.revokedAt)),
          );
        for (const r of live) alive.add(r.id);
      }
      return ids.filter((id) => !alive.has(id));
    },

    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async listen() {
      if (stopListening) return;
      if (!opts.sql || !opts.logger)
        throw new Error('listening for revocations needs sql and logger');
      stopListening = await listenForRevocations({
        sql: opts.sql,
        logger: opts.logger,
        onRevoked: announce,
      });
    },

    async unlisten() {
      const stop = stopListening;
      stopListening = undefined;
      await stop?.();
    },
  };
}
