import { SessionAwareAdapter, type PrivateSessionId, type Session } from 'socket.io-adapter';
import type { SocketData } from './types.ts';

/** How long a dropped connection's rooms and missed broadcasts are kept for it to come back. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/** What the gateway may ask of the adapter's buffer of sent packets. */
export interface RecoveryBuffer {
  /** Takes the positions of an incident out of every buffered packet; returns how many. */
  forgetIncident(incidentId: string): number;
}

/** The buffer the server's adapter keeps, when it is the guarded adapter below. */
export function recoveryBufferOf(adapter: unknown): RecoveryBuffer | undefined {
  return adapter instanceof SessionAwareAdapter && 'forgetIncident' in adapter
    ? (adapter as SessionAwareAdapter & RecoveryBuffer)
    : undefined;
}

/** A position as it sits in a buffered packet's payload (already projected, still personal). */
const carries = (p: unknown, incidentId: string) =>
  typeof p === 'object' && p !== null && (p as { incidentId?: unknown }).incidentId === incidentId;

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
  return class GuardedRecoveryAdapter extends SessionAwareAdapter implements RecoveryBuffer {
    override async restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
      const session = await super.restoreSession(pid, offset);
      // Socket.IO treats a null session as "not recovered" (its own adapter returns null for an
      // unknown or expired one), though the declared type leaves null out.
      if (!session || !stillValid(session.data as Partial<SocketData>))
        return null as unknown as Session;
      return session;
    }

    /**
     * The adapter keeps every packet sent (broadcast or to one socket) for the recovery window,
     * positions included; a closed incident's positions must not stay in memory that long. Its
     * packet list is private in the declared types, so it is reached by name; the positions are
     * filtered in place, keeping every packet (and so every recovery offset).
     */
    forgetIncident(incidentId: string): number {
      const packets = (this as unknown as { packets?: unknown }).packets;
      if (!Array.isArray(packets)) return 0;
      let n = 0;
      for (const packet of packets as { data?: unknown }[]) {
        const payload: unknown = Array.isArray(packet.data) ? packet.data[1] : undefined;
        if (typeof payload !== 'object' || payload === null) continue;
        const holder = payload as { positions?: unknown };
        if (!Array.isArray(holder.positions)) continue;
        const kept = holder.positions.filter((p) => !carries(p, incidentId));
        n += holder.positions.length - kept.length;
        if (kept.length < holder.positions.length) holder.positions = kept;
      }
      return n;
    }
  };
}
