import type { TMapItem } from '@muster/contracts';
import type { AuditInput } from '../access/audit-writer.ts';
import type { Metrics } from '../metrics.ts';
import { projectItem, roomAdmits, type LayerSchemas } from './layer-projection.ts';
import type { LayerChangeRecord } from './layer-store.ts';
import type { LiveAudit } from './live-audit.ts';
import type { DeployedTo } from './projection.ts';
import type { RoomRegistry } from './room-registry.ts';
import type { GatewayServer } from './types.ts';

/**
 * Pushes one tick's layer changes: per room, per layer, ONE `map:update` with the items changed
 * in the tick as that room may see them — an upsert projected for the room, or a remove when the
 * room saw the item before and may not now (or it is gone). Rooms go in priority order (the
 * per-incident and team rooms first); a later room leaves out (`except`) the sockets that got an
 * item from an earlier room in this tick, so a commander's whole view of an item is not
 * overwritten by the role room's masked copy.
 */
export function pushLayerChanges(
  o: {
    io: GatewayServer;
    registry: RoomRegistry;
    schemas: LayerSchemas;
    deployedTo: DeployedTo;
    audit: LiveAudit;
    metrics: Metrics;
  },
  seq: number,
  changes: readonly LayerChangeRecord[],
): void {
  const sentBy = new Map<string, string[]>();
  for (const [room, cls] of o.registry.active()) {
    const views: AuditInput[] = [];
    const groups = new Map<string, { layer: string; except: string[]; items: TMapItem[] }>();
    for (const c of changes) {
      const projected = c.item && projectItem(cls, c.layer, c.item, o.schemas, o.deployedTo);
      let out: TMapItem | undefined;
      if (projected) {
        out = projected.item;
        if (projected.view) views.push(projected.view);
      } else if (c.prev && roomAdmits(cls, c.prev)) out = { id: c.id, op: 'remove' };
      if (!out) continue;
      const key = `${c.layer}\u0000${c.id}`;
      const except = sentBy.get(key) ?? [];
      if (out.op === 'upsert') sentBy.set(key, [...except, room]);
      const group = `${c.layer}\u0000${except.join(' ')}`;
      const g = groups.get(group) ?? { layer: c.layer, except, items: [] };
      g.items.push(out);
      groups.set(group, g);
    }
    o.audit.record(o.registry.accountsIn(room), views, room);
    for (const g of groups.values()) {
      o.io.to(room).except(g.except).emit('map:update', { seq, layer: g.layer, items: g.items });
      o.metrics.realtimePushes.inc({ event: 'map:update' });
    }
  }
}
