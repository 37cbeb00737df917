import { Router } from 'express';
import { accessRoutes } from '@muster/contracts';
import type { Db, Sql } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { mountAccountRoutes } from './account-routes.ts';
import { createAuthenticate } from './auth-middleware.ts';
import { mountAuthRoutes } from './auth-routes.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { AccessConfig, AccessContext } from './context.ts';
import { createPasswordHasher, type PasswordHasher } from './passwords.ts';
import { createSessionStore, type SessionStore } from './sessions.ts';
import { createLoginThrottle } from './throttle.ts';
import { createViewerCache, type ViewerCache } from './viewer-cache.ts';

export { authOf, requireRole, requireViewer, viewerOf } from './auth-middleware.ts';
export type { RequestAuth } from './auth-middleware.ts';
export type { SessionInfo, SessionLookup, SessionStore } from './sessions.ts';
export type { AccessConfig } from './context.ts';
export { SESSION_COOKIE } from './cookie.ts';
export { setAccountTeam } from './accounts.ts';
export { notifyAccessChanged, type AccessChange } from './access-changes.ts';

export interface AccessDeps {
  db: Db;
  /** For LISTEN: a process that holds sockets hears every process's session revocations. */
  sql?: Sql;
  clock: Clock;
  config: AccessConfig;
  audit: AuditWriter;
  logger: Logger;
  /** Check each response against its contract (tests). */
  checkResponses?: boolean;
}

export interface Access {
  /** Sign-in, session, password and account routes (the `api` role mounts it). */
  router: Router;
  /** Attaches the viewer to every `/api` request and enforces Origin and CSRF; mount it first. */
  authenticate: Router;
  sessions: SessionStore;
  passwords: PasswordHasher;
  /** The per-process viewers of recent sessions; absent without `sql` or with a TTL of 0. */
  viewerCache: ViewerCache | undefined;
  /** Starts hearing access changes (LISTEN), so the viewer cache may answer; before serving. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Housekeeping every few minutes: revoke expired sessions (their sockets are told) and forget
   * log-in failures quiet for a day (they hold client addresses).
   */
  startMaintenance(everyMs?: number): void;
  stopMaintenance(): void;
}

/** Requests that act without the session's authority, so need no CSRF token (Origin still checked). */
const CSRF_EXEMPT = new Set(
  [accessRoutes.login, accessRoutes.signup].map((r) => `${r.method.toUpperCase()} ${r.path}`),
);

/** Accounts, sessions and the authentication of every API request. */
export function createAccess(d: AccessDeps): Access {
  const viewerCache =
    d.sql && d.config.SESSION_CACHE_TTL_MS > 0
      ? createViewerCache({
          sql: d.sql,
          logger: d.logger,
          ttlMs: d.config.SESSION_CACHE_TTL_MS,
          maxEntries: d.config.SESSION_CACHE_MAX,
          staleMs: d.config.CACHE_STALE_MS,
        })
      : undefined;
  const sessions = createSessionStore(d.db, d.clock, d.config, {
    sql: d.sql,
    logger: d.logger,
    cache: viewerCache,
  });
  const passwords = createPasswordHasher({ memoryKib: d.config.ARGON2_MEMORY_KIB });
  const c: AccessContext = {
    db: d.db,
    clock: d.clock,
    config: d.config,
    audit: d.audit,
    logger: d.logger,
    sessions,
    passwords,
    throttle: createLoginThrottle(d.db, d.clock),
    checkResponses: d.checkResponses ?? false,
  };
  const authenticate = Router();
  authenticate.use(
    '/api',
    createAuthenticate({
      sessions,
      allowedOrigins: d.config.ALLOWED_ORIGINS,
      cookieSecure: d.config.COOKIE_SECURE,
      csrfExempt: CSRF_EXEMPT,
    }),
  );
  const router = Router();
  mountAuthRoutes(router, c);
  mountAccountRoutes(router, c);
  let timer: NodeJS.Timeout | undefined;
  return {
    router,
    authenticate,
    sessions,
    passwords,
    viewerCache,
    start: () => viewerCache?.start() ?? Promise.resolve(),
    stop: () => viewerCache?.stop() ?? Promise.resolve(),
    startMaintenance(everyMs = 5 * 60_000) {
      timer = setInterval(() => {
        void Promise.all([sessions.sweepExpired(), c.throttle.forgetQuiet()]).catch(
          (err: unknown) => d.logger.warn({ err }, 'access housekeeping failed; will retry'),
        );
      }, everyMs);
      timer.unref();
    },
    stopMaintenance() {
      clearInterval(timer);
    },
  };
}
