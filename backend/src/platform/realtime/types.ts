import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@muster/contracts';
import type { Viewer } from '../access/viewer.ts';

/** What the gateway keeps on each socket (restored with it by connection state recovery). */
export interface SocketData {
  viewer: Viewer;
  sessionId: string;
  /** When the session ends at the latest (absolute or idle expiry), ms since the epoch. */
  expiresAtMs: number | null;
  /** The incident the map looks at (`map:subscribe`), the purpose of a duty officer's view. */
  focus: string | null;
  /** The access version the socket's rooms were chosen under (see `access-watch.ts`). */
  accessVersion: number;
}

type NoEvents = Record<string, never>;
export type GatewayServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  SocketData
>;
export type GatewaySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  SocketData
>;

/** What a session lookup tells the gateway about the session besides its viewer. */
export interface SessionFacts {
  /** Absolute expiry. */
  expiresAt?: Date;
  /** Idle expiry, when the store keeps one. */
  idleExpiresAt?: Date;
}

/**
 * What the gateway needs of the session store (`SessionStore` in access/sessions.ts): the viewer
 * behind a token (`touch: false` when the gateway checks on its own, which is no user activity),
 * word when sessions end (log-out, password change, revocation — from every process), and a
 * direct question for the sessions it holds, in case a word was missed.
 */
export interface SessionSource {
  viewerForToken(
    token: string,
    opts?: { touch?: boolean },
  ): Promise<{ viewer: Viewer; session: SessionFacts } | undefined>;
  onRevoked(listener: (sessionIds: string[]) => void): unknown;
  revokedAmong(sessionIds: readonly string[]): Promise<string[]>;
}
