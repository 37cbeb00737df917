import type { z } from 'zod';
import { ROLES, type AppEvent, type EventType, type Role } from '@muster/contracts';
import type { Db } from '../db/client.ts';
import type { Viewer } from '../access/viewer.ts';

/**
 * Who may see a map item at all, before the policy decides how much of its personal fields
 * they see. A viewer is admitted when ANY clause admits them; an empty audience admits no one.
 * Departments and observers share one room: an item reaches them when `roles` has `observer`.
 */
export interface MapAudience {
  /** Every viewer with one of these roles. */
  roles?: readonly Role[];
  /** The members and leader of this team. */
  teamId?: string;
  /** Commanders of this incident, and duty officers whose map looks at it. */
  incidentId?: string;
}

/** Whose personal information an item holds (for the policy; see `Subject` in access/policy.ts). */
export interface MapSubject {
  type: string;
  id: string;
  /** The team it belongs to: the gateway adds the incidents the team is deployed to now. */
  teamId?: string;
  accountId?: string;
}

/** One item of a layer as its source states it (unprojected: may hold personal fields). */
export interface MapLayerItem<T> {
  /** Unique within the layer (usually the record's id). */
  id: string;
  /** The layer's item shape (contracts/src/map-layers.ts); parsed with the source's schema. */
  data: T;
  audience: MapAudience;
  /** From a drill: the item carries `exercise: true` and the map shows the 演练 banner. */
  exercise: boolean;
  /** The incident it belongs to, if any: the purpose of a view and what a closure removes. */
  incidentId?: string;
  /** Whose personal information `data` holds; without it every personal field is dropped. */
  subject?: MapSubject;
}

/** An event of one of the given types, narrowed by `type` (a discriminated union). */
export type EventOf<E extends EventType> = E extends EventType ? AppEvent<E> : never;

/** What one event does to a layer: items to add or replace, ids to take off. */
export type MapLayerChange<T> =
  { op: 'upsert'; item: MapLayerItem<T> } | { op: 'remove'; id: string };

/**
 * What a module implements to put its records on the live map (ADR 0006). The composition root
 * hands the gateway a list of these; the gateway reads `eventTypes` from the events stream in
 * order (every instance, its own ordered consumer), calls `changes` for each event and `snapshot`
 * at start (and after its feed restarts), projects each item per room through the one policy,
 * and pushes `map:update` per room per tick. Sources hold no state of their own.
 *
 * Rules for `changes`: read the module's OWN tables (committed in the same transaction as the
 * event, so they are at least as new as it) and state the item as it is now — an upsert of the
 * current row, or a remove when it is gone or no longer belongs on the map. Then redelivery,
 * order and the start-up overlap with `snapshot` cannot leave a wrong item behind.
 */
export interface MapLayerSource<
  T extends Record<string, unknown> = Record<string, unknown>,
  E extends EventType = EventType,
> {
  /** The layer's name on the wire (`map:update.layer`), e.g. `warnings`. */
  layer: string;
  /** Event types that change the layer. */
  eventTypes: readonly E[];
  /** The item schema, its personal fields classified with `personal()` (for `project`). */
  schema: z.ZodType<T>;
  /** The changes one event makes; may read the module's own tables. */
  changes(event: EventOf<E>, db: Db): Promise<MapLayerChange<T>[]>;
  /** Every item of the layer now. */
  snapshot(db: Db): Promise<MapLayerItem<T>[]>;
}

/** Ready-made audiences: the map's usual readers. */
export const audiences = {
  /** Every signed-in viewer of the map (the office, commanders, teams, departments, observers). */
  everyone: { roles: ROLES },
  /** The office and commanders: admin, duty officers, commanders. */
  office: { roles: ['admin', 'duty_officer', 'commander'] },
} as const satisfies Record<string, MapAudience>;

/** Whether a (room's stand-in) viewer may see items of this audience, for the room's purpose. */
export function admits(a: MapAudience, v: Viewer, purposeIncident?: string): boolean {
  if (a.roles?.includes(v.role)) return true;
  if (a.teamId !== undefined && v.teamId === a.teamId) return true;
  if (a.incidentId !== undefined) {
    if (v.role === 'commander' && v.commands.has(a.incidentId)) return true;
    if (v.role === 'duty_officer' && purposeIncident === a.incidentId) return true;
  }
  return false;
}

/** An item as it is now, or its removal when it is gone from the map: what `changes` states. */
export function stated<T>(id: string, item: MapLayerItem<T> | undefined): MapLayerChange<T>[] {
  return item ? [{ op: 'upsert', item }] : [{ op: 'remove', id }];
}

/** Items as they are now, and the removal of every other id asked about (gone from the map). */
export function statedAll<T>(
  ids: readonly string[],
  items: readonly MapLayerItem<T>[],
): MapLayerChange<T>[] {
  const kept = new Set(items.map((i) => i.id));
  return [
    ...items.map((item) => ({ op: 'upsert' as const, item })),
    ...ids.filter((id) => !kept.has(id)).map((id) => ({ op: 'remove' as const, id })),
  ];
}
