import type {
  TMapItem,
  TMapLayerItems,
  TMapPosition,
  TMapPositions,
  TMapUpdate,
  TSyncReplay,
  TSyncResume,
  TSyncSnapshot,
} from '@muster/contracts';
import { createChangeJournal, type ChangeJournal } from './change-journal.ts';
import { parseLayerItem } from './layer-items.ts';
import { createTrails, type Trails } from './trails.ts';

/** The last point of the server's message sequence that the map holds everything up to. */
export interface Cursor {
  epoch: string;
  seq: number;
}

/** One layer item as the map holds it: the server's projection, parsed with its layer schema. */
export interface LayerEntry {
  id: string;
  data: Record<string, unknown>;
  exercise: boolean;
}

/**
 * What the map and the header read. The maps inside are the live ones (changed in place, never
 * copied: 10,000 teams at 1,000 updates a second cannot be copied per message); `version` tells
 * that something changed. A new view object is made at most once per animation frame.
 */
export interface LiveMapView {
  version: number;
  /** Bumped only when layer items (not positions) change: what lists and panels follow. */
  itemsVersion: number;
  /** The latest position per team and precision (`teamId|exact`, `teamId|coarse`). */
  positions: ReadonlyMap<string, TMapPosition>;
  /** Items per layer name, by id. */
  layers: ReadonlyMap<string, ReadonlyMap<string, LayerEntry>>;
  /** Recent exact positions per team, oldest first (only what this viewer got exact). */
  trails: Trails;
  /** Teams whose position changed, in order: a reader catches up from where it stood. */
  moved: ChangeJournal;
  /** Something on the map comes from a drill: the 演练 banner shows. */
  exercise: boolean;
  cursor: Cursor | null;
  /** A catch-up (first snapshot or a resume) is asked for and not yet answered. */
  syncing: boolean;
  /** Server payloads that failed their contract schema and were ignored. */
  rejected: number;
}

/** What to send after a (re)connection. */
export type CatchUp =
  | { event: 'map:subscribe'; incidentId: string | null }
  | { event: 'sync:resume'; req: TSyncResume };

export interface LiveMap {
  view: () => LiveMapView;
  /**
   * The same view, replaced only when items, the drill flag or the sync state change — not on
   * every position: pages that list items re-render with it, not 5 times a second.
   */
  itemsView: () => LiveMapView;
  /** Called at most once per animation frame however many messages arrived. */
  subscribe: (listener: () => void) => () => void;
  /** A fresh (not recovered) connection is up: what to ask the server for. */
  connected: () => CatchUp;
  /** Socket.IO recovered the connection: the server delivered what was missed. */
  recovered: () => void;
  /** The epoch of the instance serving this connection (`server:hello`). */
  hello: (epoch: string) => void;
  /** The incident the map looks at (the purpose of a duty officer's view); kept across reconnects. */
  focus: (incidentId: string | null) => void;
  focused: () => string | null;
  positions: (batch: TMapPositions) => void;
  update: (update: TMapUpdate) => void;
  snapshot: (snapshot: TSyncSnapshot) => void;
  replay: (replay: TSyncReplay) => void;
  rejected: () => void;
}

const keyOf = (p: TMapPosition) => `${p.teamId}|${p.precision}`;

/** Runs `fn` on the next animation frame, or soon when frames do not come (a hidden tab). */
function nextFrame(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 250);
}

/**
 * The live map's state and its place in the server's sequence. The cursor is set by a snapshot or
 * a replay (each names its epoch) and moved on by later pushes of the same connection's epoch
 * (from `server:hello`). While a catch-up is outstanding pushes are shown but do not move it: a
 * resume must ask from the last point the map is complete up to, not from a push that arrived
 * ahead of the catch-up. Listeners hear of changes once per frame: messages are drawn in batches.
 */
export function createLiveMap(): LiveMap {
  const positions = new Map<string, TMapPosition>();
  const layers = new Map<string, Map<string, LayerEntry>>();
  const trails = createTrails();
  const moved = createChangeJournal();
  const exerciseKeys = new Set<string>();
  let cursor: Cursor | null = null;
  let connectionEpoch: string | null = null;
  let focus: string | null = null;
  let syncing = false;
  let rejected = 0;
  let version = 0;
  let itemsVersion = 0;
  let view: LiveMapView | undefined;
  let itemsView: LiveMapView | undefined;
  let scheduled = false;
  const listeners = new Set<() => void>();

  const changed = (items = true) => {
    version += 1;
    view = undefined;
    if (items) {
      itemsVersion += 1;
      itemsView = undefined;
    }
    if (scheduled) return;
    scheduled = true;
    nextFrame(() => {
      scheduled = false;
      for (const l of listeners) l();
    });
  };
  const markExercise = (key: string, exercise: boolean) => {
    if (exercise) exerciseKeys.add(key);
    else exerciseKeys.delete(key);
  };
  const upsertPositions = (items: readonly TMapPosition[]) => {
    for (const p of items) {
      const key = keyOf(p);
      positions.set(key, p);
      moved.note(p.teamId);
      markExercise(`p|${key}`, p.exercise);
      if (p.precision === 'exact') trails.add(p);
    }
  };
  const applyItems = (layer: string, items: readonly TMapItem[]) => {
    let held = layers.get(layer);
    if (!held) {
      held = new Map<string, LayerEntry>();
      layers.set(layer, held);
    }
    for (const item of items) {
      const key = `l|${layer}|${item.id}`;
      if (item.op === 'remove') {
        held.delete(item.id);
        exerciseKeys.delete(key);
        continue;
      }
      const data = parseLayerItem(layer, item.data);
      if (!data) {
        rejected += 1;
        continue;
      }
      held.set(item.id, { id: item.id, data, exercise: item.exercise === true });
      markExercise(key, item.exercise === true);
    }
  };
  const applyLayers = (all: readonly TMapLayerItems[] | undefined) => {
    for (const l of all ?? []) applyItems(l.layer, l.items);
  };
  const advance = (seq: number) => {
    if (!syncing && cursor && cursor.epoch === connectionEpoch && seq > cursor.seq)
      cursor = { epoch: cursor.epoch, seq };
  };

  const build = (): LiveMapView => ({
    version,
    itemsVersion,
    positions,
    layers,
    trails,
    moved,
    exercise: exerciseKeys.size > 0,
    cursor,
    syncing,
    rejected,
  });

  return {
    itemsView: () => (itemsView ??= build()),
    view: () => (view ??= build()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected() {
      connectionEpoch = null;
      syncing = true;
      changed();
      // A focused map asks afresh: the server keeps the purpose per socket, not per session.
      return cursor && focus === null
        ? { event: 'sync:resume', req: { epoch: cursor.epoch, lastSeq: cursor.seq } }
        : { event: 'map:subscribe', incidentId: focus };
    },
    recovered() {
      syncing = false;
      changed();
    },
    hello(epoch) {
      connectionEpoch = epoch;
    },
    focus(incidentId) {
      focus = incidentId;
    },
    focused: () => focus,
    positions(batch) {
      const exercise = exerciseKeys.size > 0;
      upsertPositions(batch.positions);
      advance(batch.seq);
      changed(exercise !== exerciseKeys.size > 0);
    },
    update(update) {
      applyItems(update.layer, update.items);
      advance(update.seq);
      changed();
    },
    snapshot(s) {
      positions.clear();
      moved.reset();
      layers.clear();
      exerciseKeys.clear();
      upsertPositions(s.positions);
      trails.keepOnly(
        new Set(s.positions.filter((p) => p.precision === 'exact').map((p) => p.teamId)),
      );
      applyLayers(s.layers);
      cursor = { epoch: s.epoch, seq: s.seq };
      syncing = false;
      changed();
    },
    replay(r) {
      upsertPositions(r.positions);
      applyLayers(r.layers);
      cursor = { epoch: r.epoch, seq: r.toSeq };
      syncing = false;
      changed();
    },
    rejected() {
      rejected += 1;
      changed();
    },
  };
}
