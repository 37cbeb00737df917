import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError, CSRF_HEADER, type Role } from '@muster/contracts';
import { clearSessionCookie, cookieValue, SESSION_COOKIE } from './cookie.ts';
import type { SessionLookup, SessionStore } from './sessions.ts';
import { PUBLIC_VIEWER, type AnyViewer, type Viewer } from './viewer.ts';

/** How the request proved its session: only cookie requests need CSRF protection. */
export type RequestAuth = SessionLookup & { via: 'cookie' | 'bearer' };

const auths = new WeakMap<Request, RequestAuth>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in session of a request, if any. */
export function authOf(req: Request): RequestAuth | undefined {
  return auths.get(req);
}

/** Who is asking: the session's viewer, or the public. */
export function viewerOf(req: Request): AnyViewer {
  return auths.get(req)?.viewer ?? PUBLIC_VIEWER;
}

/**
 * The signed-in viewer; 401 `auth.required` when there is none and, when roles are named,
 * 403 `auth.forbidden` unless the viewer holds one of them.
 */
export function requireViewer(req: Request, ...roles: Role[]): Viewer {
  const v = viewerOf(req);
  if (v.kind !== 'account') throw new AppError('auth.required');
  if (roles.length > 0 && !roles.includes(v.role)) throw new AppError('auth.forbidden');
  return v;
}

/** Express middleware form of `requireViewer` with roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    requireViewer(req, ...roles);
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** Constant-time comparison of two strings of any lengths (hashing evens the lengths). */
function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b)) && a.length === b.length;
}

function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export interface AuthenticateOptions {
  sessions: SessionStore;
  /** ALLOWED_ORIGINS: browser origins besides the server's own. */
  allowedOrigins: readonly string[];
  cookieSecure: boolean;
  /** `METHOD /path` of requests that act without the session's authority (log-in, sign-up). */
  csrfExempt: ReadonlySet<string>;
}

/**
 * Attaches the viewer of the request's session (bearer token first, else the session cookie).
 * A browser request from a foreign Origin is refused when it carries the cookie or changes state;
 * a cookie request that changes state must carry the session's CSRF token. Bearer requests are
 * exempt: a foreign page cannot make a browser send an Authorization header.
 */
export function createAuthenticate(o: AuthenticateOptions): RequestHandler {
  const allowed = new Set(o.allowedOrigins.map(originOf).filter((x) => x !== undefined));
  return async (req: Request, res: Response, next) => {
    const bearer = bearerToken(req);
    const cookie = bearer ? undefined : cookieValue(req.headers.cookie, SESSION_COOKIE);
    const unsafe = !SAFE_METHODS.has(req.method);
    const origin = req.headers.origin;
    if (!bearer && origin !== undefined && (cookie !== undefined || unsafe)) {
      const own = `${req.protocol}://${req.host}`;
      const given = originOf(origin);
      if (given !== own && (given === undefined || !allowed.has(given)))
        throw new AppError('auth.origin', origin.slice(0, 100));
    }
    const token = bearer ?? cookie;
    if (token === undefined) return next();
    const found = await o.sessions.viewerForToken(token);
    if (!found) {
      // A stale cookie would be sent forever; tell the browser to drop it.
      if (cookie !== undefined) clearSessionCookie(res, o.cookieSecure);
      return next();
    }
    const via = bearer ? 'bearer' : 'cookie';
    if (via === 'cookie' && unsafe) {
      const route = `${req.method} ${req.originalUrl.split('?')[0] ?? ''}`;
      const sent = req.get(CSRF_HEADER);
      if (!o.csrfExempt.has(route) && (!sent || !sameSecret(sent, found.session.csrfToken)))
        throw new AppError('auth.csrf');
    }
    auths.set(req, { ...found, via });
    next();
  };
}
