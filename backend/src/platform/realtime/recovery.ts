import { SessionAwareAdapter, type PrivateSessionId, type Session } from 'socket.io-adapter';
import type { SocketData } from './types.ts';

/** How long a dropped connection's rooms and missed broadcasts are kept for it to come back. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * Socket.IO's in-memory adapter with connection state recovery, guarded. Socket.IO writes a
 * recovered connection's missed broadcasts to it while it builds the socket — before any
 * middleware has looked at the token. So the recovery itself is refused (the client connects
 * afresh, through the handshake, and resyncs) when the session has ended or expired since, or the
 * access grants changed since its rooms were chosen (the missed messages may then show it what
 * it may no longer see).
 */
export function guardedRecoveryAdapter(
  stillValid: (data: Partial<SocketData>) => boolean,
): typeof SessionAwareAdapter {
  return class GuardedRecoveryAdapter extends SessionAwareAdapter {
    override async restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
      const session = await super.restoreSession(pid, offset);
      // Socket.IO treats a null session as "not recovered" (its own adapter returns null for an
      // unknown or expired one), though the declared type leaves null out.
      if (!session || !stillValid(session.data as Partial<SocketData>))
        return null as unknown as Session;
      return session;
    }
  };
}
