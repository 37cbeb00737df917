import type { z } from 'zod';
import type { TMapItem, TMapLayerItems } from '@muster/contracts';
import type { AuditInput } from '../access/audit-writer.ts';
import { project, type Subject } from '../access/policy.ts';
import { admits } from './layer-source.ts';
import type { AnyItem } from './layer-store.ts';
import type { DeployedTo } from './projection.ts';
import { classViewer, roomPriority, type RoomClass } from './rooms.ts';

/** The item schema of each layer, to project with. */
export type LayerSchemas = ReadonlyMap<string, z.ZodType>;

/** Whether a room may see an item at all (its audience, for the room's stand-in and purpose). */
export function roomAdmits(room: RoomClass, item: AnyItem): boolean {
  const { viewer, purpose } = classViewer(room);
  return admits(item.audience, viewer, purpose.incidentId);
}

/**
 * One item as a room may see it: each personal field whole, masked or dropped by the one policy
 * (`project`) for the room's stand-in viewer and purpose; undefined when its audience leaves the
 * room out. A whole view of a sensitive field yields ONE audit entry per item (field: the layer),
 * audited once per account like live positions (live-audit.ts).
 */
export function projectItem(
  room: RoomClass,
  layer: string,
  item: AnyItem,
  schemas: LayerSchemas,
  deployedTo: DeployedTo,
): { item: TMapItem; view?: AuditInput } | undefined {
  if (!roomAdmits(room, item)) return undefined;
  const schema = schemas.get(layer);
  if (!schema) return undefined;
  const { viewer, purpose } = classViewer(room);
  const s = item.subject;
  const subject: Subject | undefined = s && {
    type: s.type,
    id: s.id,
    ...(s.accountId ? { accountId: s.accountId } : {}),
    ...(s.teamId ? { teamId: s.teamId, deployedTo: deployedTo(s.teamId) } : {}),
  };
  const projected = project(schema, item.data, {
    viewer,
    purpose,
    subjectOf: () => subject,
  });
  const first = projected.views[0];
  return {
    item: {
      id: item.id,
      op: 'upsert',
      data: projected.value,
      ...(item.exercise ? { exercise: true } : {}),
    },
    ...(first ? { view: { ...first, field: `map.${layer}` } } : {}),
  };
}

/** Groups items by layer for a snapshot or a replay. */
export function byLayer(entries: readonly { layer: string; item: TMapItem }[]): TMapLayerItems[] {
  const out = new Map<string, TMapItem[]>();
  for (const e of entries) {
    const items = out.get(e.layer) ?? [];
    items.push(e.item);
    out.set(e.layer, items);
  }
  return [...out].map(([layer, items]) => ({ layer, items }));
}

/**
 * The layer items a socket in these rooms may see, merged: one per (layer, id), projected for the
 * room that shows most of it (the per-incident and team rooms before the role rooms, as
 * `roomPriority` orders them). With `removes`, a remove for each item that no room admits now
 * (or that is gone), so a replay can take it off the map.
 */
export function projectForRooms(
  rooms: readonly RoomClass[],
  items: readonly { layer: string; id: string; item: AnyItem | undefined }[],
  schemas: LayerSchemas,
  deployedTo: DeployedTo,
  removes: boolean,
): {
  entries: { layer: string; item: TMapItem }[];
  views: { room: RoomClass; view: AuditInput }[];
} {
  const ordered = [...rooms].sort((a, b) => roomPriority(a) - roomPriority(b));
  const entries: { layer: string; item: TMapItem }[] = [];
  const views: { room: RoomClass; view: AuditInput }[] = [];
  for (const { layer, id, item } of items) {
    let shown: ReturnType<typeof projectItem>;
    let from: RoomClass | undefined;
    for (const room of item ? ordered : []) {
      shown = projectItem(room, layer, item!, schemas, deployedTo);
      from = room;
      if (shown) break;
    }
    if (shown && from) {
      entries.push({ layer, item: shown.item });
      if (shown.view) views.push({ room: from, view: shown.view });
    } else if (removes) entries.push({ layer, item: { id, op: 'remove' } });
  }
  return { entries, views };
}

/** The whole views of sensitive fields a room shows among these items (to audit on joining it). */
export function roomLayerViews(
  room: RoomClass,
  layers: readonly [string, readonly AnyItem[]][],
  schemas: LayerSchemas,
  deployedTo: DeployedTo,
): AuditInput[] {
  const views: AuditInput[] = [];
  for (const [layer, items] of layers)
    for (const item of items) {
      const view = projectItem(room, layer, item, schemas, deployedTo)?.view;
      if (view) views.push(view);
    }
  return views;
}
