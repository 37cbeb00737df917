import type { TMapLayerItems, TMapPosition, TSyncResume } from '@muster/contracts';
import type { Metrics } from '../metrics.ts';
import type { Broadcaster } from './broadcaster.ts';
import { byLayer, projectForRooms, type LayerSchemas } from './layer-projection.ts';
import type { AnyItem, LayerStore } from './layer-store.ts';
import type { LiveAudit } from './live-audit.ts';
import type { LatestPositions, LivePosition } from './positions.ts';
import {
  mergeProjections,
  projectForRoom,
  type DeployedTo,
  type RoomProjection,
} from './projection.ts';
import type { RoomRegistry } from './room-registry.ts';
import { roomName } from './rooms.ts';
import type { TickRing } from './tick-ring.ts';
import type { GatewaySocket } from './types.ts';

export interface Resync {
  /** Everything the socket may see now; the client replaces what it holds. */
  snapshot(socket: GatewaySocket): void;
  /** A snapshot to each of these sockets, each room projected once for all of them. */
  snapshotAll(sockets: Iterable<GatewaySocket>): void;
  /** What the socket missed after `lastSeq`, or a snapshot when that cannot be told exactly. */
  resume(socket: GatewaySocket, req: TSyncResume): void;
}

/**
 * Catching a client up. A replay is only exact when the client's `seq` comes from this instance
 * and start (`epoch`), every tick after it is still held, and no access change happened since
 * (an access change can take away what the client holds, which a replay of upserts cannot);
 * otherwise the client gets a snapshot. Either is projected for the socket's rooms now.
 */
export function createResync(o: {
  epoch: string;
  store: LatestPositions;
  layers: LayerStore;
  schemas: LayerSchemas;
  ring: TickRing;
  broadcaster: Broadcaster;
  registry: RoomRegistry;
  deployedTo: DeployedTo;
  audit: LiveAudit;
  metrics: Metrics;
}): Resync {
  /** `byRoom` shares each room's projection among the sockets of one pass over many. */
  const projectFor = (
    socket: GatewaySocket,
    positions: readonly LivePosition[],
    byRoom?: Map<string, RoomProjection>,
  ) => {
    const parts: TMapPosition[][] = [];
    for (const cls of o.registry.roomsOf(socket.id)) {
      const name = roomName(cls);
      let projected = byRoom?.get(name);
      if (!projected) {
        projected = projectForRoom(cls, positions, o.deployedTo);
        byRoom?.set(name, projected);
      }
      o.audit.record([socket.data.viewer.accountId], projected.views, name);
      parts.push(projected.positions);
    }
    return mergeProjections(parts);
  };

  /** Layer items for the socket's rooms, audited for its account; removes only in a replay. */
  const layersFor = (
    socket: GatewaySocket,
    items: readonly { layer: string; id: string; item: AnyItem | undefined }[],
    removes: boolean,
  ): TMapLayerItems[] => {
    if (items.length === 0) return [];
    const rooms = o.registry.roomsOf(socket.id);
    const { entries, views } = projectForRooms(rooms, items, o.schemas, o.deployedTo, removes);
    for (const v of views)
      o.audit.record([socket.data.viewer.accountId], [v.view], roomName(v.room));
    return byLayer(entries);
  };
  const allItems = () =>
    o.layers.all().flatMap(([layer, items]) => items.map((item) => ({ layer, id: item.id, item })));

  const snapshot = (
    socket: GatewaySocket,
    all: readonly LivePosition[] = o.store.all(),
    byRoom?: Map<string, RoomProjection>,
    items = allItems(),
  ) => {
    socket.emit('sync:snapshot', {
      epoch: o.epoch,
      seq: o.broadcaster.seq(),
      positions: projectFor(socket, all, byRoom),
      layers: layersFor(socket, items, false),
    });
    o.metrics.realtimePushes.inc({ event: 'sync:snapshot' });
  };

  return {
    snapshot: (socket) => snapshot(socket),
    snapshotAll(sockets) {
      const all = o.store.all();
      const items = allItems();
      const byRoom = new Map<string, RoomProjection>();
      for (const socket of sockets) snapshot(socket, all, byRoom, items);
    },
    resume(socket, req) {
      const seq = o.broadcaster.seq();
      const exact =
        req.epoch === o.epoch && req.lastSeq <= seq && req.lastSeq >= o.broadcaster.lastCut();
      const missed = exact ? o.ring.since(req.lastSeq, seq) : undefined;
      const keys = exact ? o.ring.layersSince(req.lastSeq, seq) : undefined;
      if (!missed || !keys) return snapshot(socket);
      const items = keys.map((k) => ({ ...k, item: o.layers.get(k.layer, k.id) }));
      socket.emit('sync:replay', {
        epoch: o.epoch,
        fromSeq: req.lastSeq,
        toSeq: seq,
        positions: projectFor(socket, missed),
        layers: layersFor(socket, items, true),
      });
      o.metrics.realtimePushes.inc({ event: 'sync:replay' });
    },
  };
}
