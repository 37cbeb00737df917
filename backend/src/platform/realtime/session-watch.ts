import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Authenticated } from './handshake.ts';
import type { GatewaySocket, SessionSource } from './types.ts';

export interface SessionWatch {
  track(socket: GatewaySocket): void;
  untrack(socket: GatewaySocket): void;
  /** Whether this session ended within the last `recentMs` (its connection is not recovered). */
  endedRecently(sessionId: string): boolean;
  stop(): void;
}

/** Timers never wait longer than this before looking again (setTimeout's range is ~24 days). */
const MAX_WAIT_MS = 3_600_000;

/**
 * Ends the sockets of a session when the session ends: revoked (log-out, password change, an
 * admin's revocation, the expiry sweep — word from the session store, which hears every
 * process's revocations) or expired (a timer at the session's expiry asks the store again, since
 * activity elsewhere may have extended an idle expiry). Each socket gets `session:ended` first,
 * then the server closes it. Every `checkMs` it also asks the store which of its sessions are
 * revoked, so a word missed (the store's LISTEN connection was down) ends them a little later.
 */
export function createSessionWatch(o: {
  sessions: SessionSource;
  tokens: WeakMap<GatewaySocket, Authenticated>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  recentMs: number;
  checkMs: number;
}): SessionWatch {
  const bySession = new Map<string, Set<GatewaySocket>>();
  const timers = new WeakMap<GatewaySocket, NodeJS.Timeout>();
  const recent = new Map<string, number>();
  let stopped = false;

  const end = (socket: GatewaySocket, said: 'revoked' | 'expired') => {
    if (!socket.connected) return;
    // The store announces an expiry it finds as a revocation too; the socket knows its expiry.
    const at = socket.data.expiresAtMs;
    const reason = at !== null && at <= o.clock.now().getTime() ? 'expired' : said;
    socket.emit('session:ended', { reason });
    socket.disconnect(true);
  };

  const endSessions = (ids: readonly string[], reason: 'revoked' | 'expired') => {
    const now = Date.now();
    for (const id of ids) {
      recent.set(id, now);
      for (const s of bySession.get(id) ?? []) end(s, reason);
    }
    for (const [id, at] of recent) if (now - at > o.recentMs) recent.delete(id);
  };

  const schedule = (socket: GatewaySocket) => {
    clearTimeout(timers.get(socket));
    const at = socket.data.expiresAtMs;
    if (at === null) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, at - o.clock.now().getTime()));
    const t = setTimeout(() => void recheck(socket), wait);
    t.unref();
    timers.set(socket, t);
  };

  const recheck = async (socket: GatewaySocket) => {
    if (stopped || !socket.connected) return;
    const auth = o.tokens.get(socket);
    try {
      // No touch: an open map is not activity; the client's heartbeat keeps a session alive.
      const found = auth
        ? await o.sessions.viewerForToken(auth.token, { touch: false })
        : undefined;
      if (!found) return endSessions([socket.data.sessionId], 'expired');
      const ends = [found.session.expiresAt, found.session.idleExpiresAt]
        .filter((d): d is Date => d instanceof Date)
        .map((d) => d.getTime());
      socket.data.expiresAtMs = ends.length > 0 ? Math.min(...ends) : null;
    } catch (err) {
      o.logger.warn({ err }, 'session re-check failed; will retry');
      socket.data.expiresAtMs = o.clock.now().getTime() + 5_000;
    }
    schedule(socket);
  };

  o.sessions.onRevoked((ids) => {
    if (!stopped) endSessions(ids, 'revoked');
  });

  let checking = false;
  const check = async () => {
    if (stopped || checking || bySession.size === 0) return;
    checking = true;
    try {
      const revoked = await o.sessions.revokedAmong([...bySession.keys()]);
      if (!stopped && revoked.length > 0) endSessions(revoked, 'revoked');
    } catch (err) {
      o.logger.warn({ err }, 'session revocation check failed; will retry');
    } finally {
      checking = false;
    }
  };
  const checkTimer = setInterval(() => void check(), o.checkMs);
  checkTimer.unref();

  return {
    track(socket) {
      const id = socket.data.sessionId;
      const set = bySession.get(id) ?? new Set<GatewaySocket>();
      set.add(socket);
      bySession.set(id, set);
      schedule(socket);
    },
    untrack(socket) {
      clearTimeout(timers.get(socket));
      const set = bySession.get(socket.data.sessionId);
      set?.delete(socket);
      if (set?.size === 0) bySession.delete(socket.data.sessionId);
    },
    endedRecently: (id) => {
      const at = recent.get(id);
      return at !== undefined && Date.now() - at <= o.recentMs;
    },
    stop() {
      stopped = true;
      clearInterval(checkTimer);
      for (const set of bySession.values()) for (const s of set) clearTimeout(timers.get(s));
    },
  };
}
