import type { TMapSubscribe } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import { loadViewer } from '../access/grants.ts';
import type { Viewer } from '../access/viewer.ts';
import type { AccessChange } from './access-watch.ts';
import type { Broadcaster } from './broadcaster.ts';
import { roomLayerViews, type LayerSchemas } from './layer-projection.ts';
import type { LayerStore } from './layer-store.ts';
import type { LiveAudit } from './live-audit.ts';
import type { LatestPositions } from './positions.ts';
import { projectForRoom, type DeployedTo } from './projection.ts';
import type { Resync } from './resync.ts';
import type { RoomRegistry } from './room-registry.ts';
import { incidentOf, roomsFor } from './rooms.ts';
import type { GatewayServer, GatewaySocket } from './types.ts';

export interface Placement {
  /** Puts a socket in the rooms its viewer's rights give it now; true when they changed. */
  place(socket: GatewaySocket): boolean;
  /** `map:subscribe`: what the map looks at changed; the socket gets a snapshot for it. */
  subscribe(socket: GatewaySocket, req: TMapSubscribe): void;
  /** Access grants changed: reload the viewers they touch and re-place every socket. */
  accessChanged(change: AccessChange): Promise<void>;
}

/**
 * Which rooms each socket is in, and keeping that true as rights change. A socket whose rooms
 * change, or whose room now shows other teams (a deployment began or ended), gets a snapshot
 * that replaces what its client holds: a lost right takes the exact positions off its map too.
 */
export function createPlacement(o: {
  io: GatewayServer;
  db: Db;
  store: LatestPositions;
  layers: LayerStore;
  schemas: LayerSchemas;
  registry: RoomRegistry;
  deployedTo: DeployedTo;
  audit: LiveAudit;
  resync: Resync;
  broadcaster: Broadcaster;
  accessVersion: () => number;
}): Placement {
  /** Audits the whole views the given rooms show now, for one account or all in the room. */
  const auditRooms = (rooms: readonly string[], account?: string) => {
    const all = o.store.all();
    const items = o.layers.all();
    if (all.length === 0 && items.length === 0) return;
    const classes = new Map(o.registry.active());
    for (const name of rooms) {
      const cls = classes.get(name);
      if (!cls) continue;
      const { views } = projectForRoom(cls, all, o.deployedTo);
      views.push(...roomLayerViews(cls, items, o.schemas, o.deployedTo));
      o.audit.record(account ? [account] : o.registry.accountsIn(name), views, name);
    }
  };

  const place = (socket: GatewaySocket): boolean => {
    const { changed, joined } = o.registry.assign(
      socket,
      roomsFor(socket.data.viewer, socket.data.focus),
    );
    socket.data.accessVersion = o.accessVersion();
    if (joined.length > 0) auditRooms(joined, socket.data.viewer.accountId);
    return changed;
  };

  return {
    place,
    subscribe(socket, req) {
      if (req.incidentId !== undefined) socket.data.focus = req.incidentId;
      place(socket);
      o.resync.snapshot(socket);
    },
    async accessChanged(change) {
      // Replays never cross this point: what a client holds may no longer be allowed.
      o.broadcaster.cut();
      o.audit.forget(change);
      const sockets = [...o.io.of('/').sockets.values()];
      const reloads = new Map<string, Promise<Viewer>>();
      for (const socket of sockets) {
        const v = socket.data.viewer;
        if (!change.accounts.has(v.accountId) && !(v.teamId && change.teams.has(v.teamId)))
          continue;
        let next = reloads.get(v.sessionId);
        if (!next) {
          const account = {
            id: v.accountId,
            role: v.role,
            teamId: v.teamId,
            departmentId: v.departmentId,
          };
          next = loadViewer(o.db, account, v.sessionId);
          reloads.set(v.sessionId, next);
        }
        socket.data.viewer = await next;
      }
      for (const socket of sockets) {
        if (!socket.connected) continue;
        const moved = place(socket);
        const touched = o.registry.roomsOf(socket.id).some((cls) => {
          const incident = incidentOf(cls);
          return incident !== undefined && change.incidents.has(incident);
        });
        if (moved || touched) o.resync.snapshot(socket);
      }
      // Whole views the change touched are audited afresh under the new grants.
      auditRooms(o.registry.active().map(([name]) => name));
    },
  };
}
