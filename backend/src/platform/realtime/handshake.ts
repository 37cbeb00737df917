import type { IncomingHttpHeaders } from 'node:http';
import { REALTIME_CONNECT_ERRORS, type RealtimeConnectErrorCode } from '@muster/contracts';
import { SESSION_COOKIE, cookieValue } from '../access/cookie.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { GatewaySocket, SessionFacts, SessionSource } from './types.ts';

/** A refused handshake: the client's `connect_error` carries `data.code` and both messages. */
export function connectError(code: RealtimeConnectErrorCode): Error & { data: object } {
  return Object.assign(new Error(code), { data: { code, ...REALTIME_CONNECT_ERRORS[code] } });
}

/** Query parameters that look like a credential. Socket.IO's own (EIO, transport, t, sid) don't. */
const CREDENTIAL_IN_URL = /token|session|auth|bearer|key|secret|password/i;

/**
 * Whether a browser page of `origin` may connect: one of `allowed` (ALLOWED_ORIGINS), or this
 * server's own host. A request without Origin is not from a browser page (browsers always send
 * one on a WebSocket handshake), so nothing rides on an ambient cookie there: it passes, and
 * its token decides.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.has(url.origin)) return true;
  return host !== undefined && url.host === host.toLowerCase();
}

/** The session token of a handshake: `auth.token` (a bearer token), else the session cookie. */
export function handshakeToken(
  auth: Record<string, unknown>,
  headers: IncomingHttpHeaders,
): string | undefined {
  const t = auth.token;
  if (typeof t === 'string' && t.length > 0)
    return t.startsWith('Bearer ') ? t.slice('Bearer '.length) : t;
  return cookieValue(headers.cookie, SESSION_COOKIE);
}

export interface Authenticated {
  token: string;
  session: SessionFacts;
}

/**
 * The handshake middleware: origin allow-list, no credential in the URL, then the session
 * behind the token. What it learns is put on `socket.data`; the token itself stays in `tokens`
 * (memory only) for re-checking the session at its expiry.
 */
export function authenticateHandshake(o: {
  sessions: SessionSource;
  allowedOrigins: readonly string[];
  tokens: WeakMap<GatewaySocket, Authenticated>;
  accessVersion: () => number;
  metrics: Metrics;
  logger: Logger;
}): (socket: GatewaySocket, next: (err?: Error) => void) => void {
  const allowed = new Set(o.allowedOrigins.map((u) => new URL(u).origin));
  const refuse = (next: (err?: Error) => void, code: RealtimeConnectErrorCode) => {
    o.metrics.realtimeRefused.inc({ reason: code });
    next(connectError(code));
  };
  return (socket, next) => {
    const { headers, query, auth } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, allowed))
      return refuse(next, 'origin.forbidden');
    if (Object.keys(query).some((k) => CREDENTIAL_IN_URL.test(k)))
      return refuse(next, 'auth.token_in_url');
    const token = handshakeToken(auth, headers);
    if (!token) return refuse(next, 'auth.required');
    o.sessions.viewerForToken(token).then(
      (found) => {
        if (!found) return refuse(next, 'auth.invalid');
        const { viewer, session } = found;
        const ends = [session.expiresAt, session.idleExpiresAt]
          .filter((d): d is Date => d instanceof Date)
          .map((d) => d.getTime());
        // A recovered connection keeps what its map looked at, if it is the same session's.
        const restored = socket.recovered ? (socket.data as Partial<typeof socket.data>) : {};
        if (socket.recovered && restored.sessionId !== viewer.sessionId)
          return refuse(next, 'auth.invalid');
        socket.data = {
          viewer,
          sessionId: viewer.sessionId,
          expiresAtMs: ends.length > 0 ? Math.min(...ends) : null,
          focus: restored.focus ?? null,
          accessVersion: o.accessVersion(),
        };
        o.tokens.set(socket, { token, session });
        next();
      },
      (err: unknown) => {
        o.logger.error({ err }, 'session lookup failed during a realtime handshake');
        refuse(next, 'server.unavailable');
      },
    );
  };
}
