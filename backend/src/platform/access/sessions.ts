import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import { viewerAccountOf, type AccountRow } from './accounts.ts';
import { loadViewer } from './grants.ts';
import { accounts, sessions } from './tables.ts';
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
   * once a minute. Used by HTTP requests and socket handshakes alike.
   */
  viewerForToken(token: string): Promise<SessionLookup | undefined>;
  /** Revokes one session inside the caller's transaction; call `announce` after commit. */
  revoke(tx: Executor, sessionId: string, reason: RevokeReason): Promise<string[]>;
  /** Revokes every live session of an account inside the caller's transaction. */
  revokeAll(tx: Executor, accountId: string, reason: RevokeReason): Promise<string[]>;
  /** Tells the revocation listeners (after the revoking transaction committed). */
  announce(sessionIds: readonly string[]): void;
  /** Marks every session past its idle or absolute expiry revoked and announces them. */
  sweepExpired(): Promise<string[]>;
  /** Called with the ids of revoked sessions, so live sockets of them can be disconnected. */
  onRevoked(listener: (sessionIds: string[]) => void): () => void;
}

export interface SessionConfig {
  SESSION_IDLE_MINUTES: number;
  SESSION_ABSOLUTE_HOURS: number;
}

/** A token is 32 random bytes, base64url: exactly 43 characters of this alphabet. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Writing `last_seen_at` on every request would turn reads into writes; a minute is precise enough. */
const TOUCH_EVERY_MS = 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionStore(db: Db, clock: Clock, config: SessionConfig): SessionStore {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  const listeners = new Set<(ids: string[]) => void>();

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

  const announce = (ids: readonly string[]) => {
    if (ids.length === 0) return;
    for (const l of listeners) {
      try {
        l([...ids]);
      } catch {
        // A failing listener must not undo a revocation or starve the others.
      }
    }
  };

  const revokeWhere = async (tx: Executor, where: SQL | undefined, reason: RevokeReason) =>
    (
      await tx
        .update(sessions)
        .set({ revokedAt: clock.now(), revokeReason: reason })
        .where(and(where, isNull(sessions.revokedAt)))
        .returning({ id: sessions.tokenHash })
    ).map((r) => r.id);

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

    async viewerForToken(token) {
      if (!TOKEN.test(token)) return undefined;
      const id = sessionIdOf(token);
      const [found] = await db
        .select({ session: sessions, account: accounts })
        .from(sessions)
        .innerJoin(accounts, eq(accounts.id, sessions.accountId))
        .where(eq(sessions.tokenHash, id))
        .limit(1);
      if (!found || found.session.revokedAt) return undefined;
      const now = clock.now();
      let session = info(found.session);
      if (now >= session.idleExpiresAt) {
        announce(await revokeWhere(db, eq(sessions.tokenHash, id), 'expired'));
        return undefined;
      }
      if (found.account.status !== 'active') return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, id));
        session = info({ ...found.session, lastSeenAt: now });
      }
      const viewer = await loadViewer(db, viewerAccountOf(found.account), id);
      return { viewer, session, account: found.account };
    },

    revoke: (tx, sessionId, reason) => revokeWhere(tx, eq(sessions.tokenHash, sessionId), reason),
    revokeAll: (tx, accountId, reason) =>
      revokeWhere(tx, eq(sessions.accountId, accountId), reason),
    announce,

    async sweepExpired() {
      const now = clock.now();
      const ids = await revokeWhere(
        db,
        or(
          lte(sessions.expiresAt, now),
          lte(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
        ),
        'expired',
      );
      announce(ids);
      return ids;
    },

    onRevoked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
