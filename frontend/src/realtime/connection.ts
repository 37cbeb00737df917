/** What the header shows about the live connection. */
export type ConnectionStatus = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'offline';

/** What the socket told us last, before the view decides how to show it. */
export interface SocketFacts {
  /** `connecting` until the first connect or failure; `down` with `retrying` false when Socket.IO gave up. */
  phase: 'connecting' | 'up' | 'down';
  retrying: boolean;
  attempt: number;
  browserOnline: boolean;
  /**
   * Connected, but the map's catch-up (`sync:resume`, or the first `map:subscribe`) is still
   * unanswered: what the map shows may be behind.
   */
  syncing: boolean;
}

/**
 * After this many failed reconnection attempts (about half a minute with the default back-off)
 * the header says offline rather than reconnecting: a duty officer should not keep trusting a
 * map that has not updated for that long. Socket.IO keeps retrying regardless.
 */
export const OFFLINE_AFTER_ATTEMPTS = 6;

export function connectionStatus(f: SocketFacts): ConnectionStatus {
  if (!f.browserOnline) return 'offline';
  switch (f.phase) {
    case 'up':
      return f.syncing ? 'resyncing' : 'live';
    case 'connecting':
      return 'connecting';
    case 'down':
      return f.retrying && f.attempt < OFFLINE_AFTER_ATTEMPTS ? 'reconnecting' : 'offline';
  }
}
