import type { Logger } from '../logger.ts';
import type { Broadcaster } from './broadcaster.ts';
import type { LayerStore } from './layer-store.ts';
import type { LatestPositions } from './positions.ts';
import { projectForRoom, type DeployedTo } from './projection.ts';
import type { RecoveryBuffer } from './recovery.ts';
import type { Resync } from './resync.ts';
import type { RoomRegistry } from './room-registry.ts';
import { incidentOf, roomName } from './rooms.ts';
import type { TickRing } from './tick-ring.ts';
import type { GatewayServer, GatewaySocket } from './types.ts';

export interface Closures {
  /** An incident closed: forget every position of it held here, and clear it from the maps. */
  closed(incidentId: string): void;
  /** Whether the incident closed (a late position of it is dropped, not shown). */
  isClosed(incidentId: string): boolean;
  /** Bumped on every removal: recoveries across one are refused, like across access changes. */
  version(): number;
}

/** Closed incidents remembered, to drop their late positions; beyond it the oldest is forgotten. */
const MAX_REMEMBERED = 10_000;

/**
 * Live positions are collected for the emergency and destroyed when the response work ends
 * (Emergency Response Law art. 85): on `response.incident.closed` the gateway forgets every
 * layer item of the incident that holds personal information, and every position carrying it — latest positions, replay ring, and the packets Socket.IO
 * keeps for recovery — and sends a snapshot (which replaces what the client holds) to each
 * socket in a room that showed any of them. A cut makes a later resume a snapshot too, since a
 * replay of upserts cannot take anything off a map.
 */
export function createClosures(o: {
  io: GatewayServer;
  store: LatestPositions;
  layers: LayerStore;
  ring: TickRing;
  buffer: () => RecoveryBuffer | undefined;
  registry: RoomRegistry;
  deployedTo: DeployedTo;
  broadcaster: Broadcaster;
  resync: Resync;
  logger: Logger;
  /** The version a socket's map is current under, stamped on each socket after a removal. */
  mapVersion: () => number;
}): Closures {
  const closed = new Set<string>();
  let version = 0;

  const remember = (incidentId: string) => {
    closed.delete(incidentId);
    closed.add(incidentId);
    if (closed.size <= MAX_REMEMBERED) return;
    const oldest = closed.values().next().value;
    if (oldest !== undefined) closed.delete(oldest);
  };

  return {
    closed(incidentId) {
      remember(incidentId);
      // Layer items holding personal information gathered for it go too (a remove per room
      // that saw them, at the next tick); the sources take off the rest as their events say.
      if (o.layers.removeIncident(incidentId).length > 0) o.broadcaster.changed();
      const removed = [...o.store.removeIncident(incidentId), ...o.ring.removeIncident(incidentId)];
      const buffered = o.buffer()?.forgetIncident(incidentId) ?? 0;
      if (removed.length === 0 && buffered === 0) return;
      const before = o.mapVersion();
      version++;
      const after = o.mapVersion();
      o.broadcaster.cut();
      // Rooms that showed them: those that would show them now, and the incident's own rooms
      // (its deployments may have ended first). Only the recovery buffer held some: no way to
      // tell whose, so every map is replaced.
      const everyone = removed.length === 0;
      const shown = new Set<string>();
      for (const [name, cls] of o.registry.active()) {
        if (incidentOf(cls) === incidentId) shown.add(name);
        else if (projectForRoom(cls, removed, o.deployedTo).positions.length > 0) shown.add(name);
      }
      const sockets: GatewaySocket[] = [];
      for (const socket of o.io.of('/').sockets.values()) {
        const showed = o.registry.roomsOf(socket.id).some((cls) => shown.has(roomName(cls)));
        if (everyone || showed) sockets.push(socket);
        // What a map held of the incident goes with this snapshot, so a map current before is
        // current still; one awaiting an access change stays behind until that re-places it.
        if (socket.data.accessVersion === before) socket.data.accessVersion = after;
      }
      o.resync.snapshotAll(sockets);
      o.logger.info(
        { incidentId, positions: removed.length, buffered, sockets: sockets.length },
        'incident closed: its live positions forgotten',
      );
    },
    isClosed: (incidentId) => closed.has(incidentId),
    version: () => version,
  };
}
