import type { TMapPosition } from '@muster/contracts';
import type { Metrics } from '../metrics.ts';
import { pushLayerChanges } from './layer-broadcast.ts';
import type { LayerSchemas } from './layer-projection.ts';
import type { LayerStore } from './layer-store.ts';
import type { LiveAudit } from './live-audit.ts';
import type { LatestPositions } from './positions.ts';
import { projectForRoom, type DeployedTo } from './projection.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { TickRing } from './tick-ring.ts';
import type { GatewayServer } from './types.ts';

export interface Broadcaster {
  /**
   * Positions or layer items changed: they go out now if the last tick is old enough, else at
   * the next tick.
   */
  changed(): void;
  /** The last seq handed out. */
  seq(): number;
  /** Hands out a seq that carries no positions and marks an access change; replays never cross it. */
  cut(): number;
  lastCut(): number;
  stop(): void;
}

/**
 * Pushes live positions and layer changes (layer-broadcast.ts, one `map:update` per room and
 * layer) at most once per tick per room: ONE message per room with the batch of
 * positions that changed, projected for that room — never one message per change per socket
 * (a coarse room sends one more per distinct set of sockets that got some team exact). The
 * first change after a quiet tick goes out at once (no added latency when positions are few);
 * changes arriving within a tick of the last push wait for the next one and go out together.
 * Every push carries this instance's next `seq`; the raw batch is kept in the tick ring so a
 * reconnecting client can be replayed what it missed, projected for it then.
 */
export function createBroadcaster(o: {
  io: GatewayServer;
  store: LatestPositions;
  layers: LayerStore;
  schemas: LayerSchemas;
  ring: TickRing;
  registry: RoomRegistry;
  deployedTo: DeployedTo;
  audit: LiveAudit;
  metrics: Metrics;
  tickMs: number;
}): Broadcaster {
  let current = 0;
  let cutAt = 0;
  let lastPush = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let stopped = false;

  function push(): void {
    timer = undefined;
    immediate = undefined;
    if (stopped) return;
    lastPush = performance.now();
    const changed = o.store.takeChanged();
    const layerChanges = o.layers.takeChanged();
    if (changed.length === 0 && layerChanges.length === 0) return;
    const seq = ++current;
    o.ring.push({
      seq,
      positions: changed,
      ...(layerChanges.length > 0
        ? { layers: layerChanges.map(({ layer, id }) => ({ layer, id })) }
        : {}),
    });
    if (layerChanges.length > 0) pushLayerChanges(o, seq, layerChanges);
    if (changed.length === 0) return;
    // Rooms that carried a team exact in this tick (they are pushed first).
    const exactIn = new Map<string, string[]>();
    for (const [room, cls] of o.registry.active()) {
      const { positions, views } = projectForRoom(cls, changed, o.deployedTo);
      o.audit.record(o.registry.accountsIn(room), views, room);
      // A socket that got a team exact this tick does not need its coarse copy: coarse items
      // are grouped by the exact rooms to leave out (usually one group: one message per room).
      const groups = new Map<string, { except: string[]; positions: TMapPosition[] }>();
      for (const p of positions) {
        let except: string[] = [];
        if (p.precision === 'exact') {
          const rooms = exactIn.get(p.teamId) ?? [];
          rooms.push(room);
          exactIn.set(p.teamId, rooms);
        } else except = exactIn.get(p.teamId) ?? [];
        const key = except.join(' ');
        const g = groups.get(key) ?? { except, positions: [] };
        g.positions.push(p);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        o.io.to(room).except(g.except).emit('map:positions', { seq, positions: g.positions });
        o.metrics.realtimePushes.inc({ event: 'map:positions' });
      }
    }
  }

  return {
    changed() {
      if (stopped || timer || immediate) return;
      const wait = lastPush + o.tickMs - performance.now();
      // setImmediate, not a synchronous push: reports that arrived in the same read go together.
      if (wait <= 0) immediate = setImmediate(push);
      else timer = setTimeout(push, wait);
    },
    seq: () => current,
    cut() {
      current++;
      cutAt = current;
      o.ring.push({ seq: current, positions: [] });
      return current;
    },
    lastCut: () => cutAt,
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
