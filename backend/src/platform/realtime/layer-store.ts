import { isDeepStrictEqual } from 'node:util';
import type { MapLayerChange, MapLayerItem } from './layer-source.ts';

export type AnyItem = MapLayerItem<Record<string, unknown>>;

/** A layer item's key in a tick: which item changed (its state is read when projecting). */
export interface LayerKey {
  layer: string;
  id: string;
}

/** An item that changed since the last push: as it was pushed last, and as it is now. */
export interface LayerChangeRecord extends LayerKey {
  prev: AnyItem | undefined;
  item: AnyItem | undefined;
}

export interface LayerStore {
  /** Applies a source's changes; true when anything changed. */
  apply(layer: string, changes: readonly MapLayerChange<Record<string, unknown>>[]): boolean;
  /** Replaces a layer with a fresh snapshot (only real differences count as changes). */
  replace(layer: string, items: readonly AnyItem[]): boolean;
  get(layer: string, id: string): AnyItem | undefined;
  /** Every item, per layer. */
  all(): [string, AnyItem[]][];
  /** The items changed since the last call, and forgets that they changed. */
  takeChanged(): LayerChangeRecord[];
  /** Removes the personal items of a closed incident (those with a subject); returns their keys. */
  removeIncident(incidentId: string): LayerKey[];
  size(): number;
}

const keyOf = (layer: string, id: string) => `${layer}\u0000${id}`;

/**
 * The gateway's copy of every layer item the sources stated (unprojected, in memory only). It
 * remembers what each changed item was at the last push, so a room that saw the old version
 * gets a remove when the new one is no longer for it.
 */
export function createLayerStore(): LayerStore {
  const layers = new Map<string, Map<string, AnyItem>>();
  const changed = new Map<string, LayerChangeRecord>();

  const layerOf = (layer: string) => {
    let l = layers.get(layer);
    if (!l) {
      l = new Map<string, AnyItem>();
      layers.set(layer, l);
    }
    return l;
  };
  const set = (layer: string, id: string, item: AnyItem | undefined): boolean => {
    const l = layerOf(layer);
    const held = l.get(id);
    if (item === undefined ? held === undefined : isDeepStrictEqual(held, item)) return false;
    const key = keyOf(layer, id);
    const record = changed.get(key) ?? { layer, id, prev: held, item };
    record.item = item;
    changed.set(key, record);
    if (item) l.set(id, item);
    else l.delete(id);
    return true;
  };

  return {
    apply(layer, changes) {
      let moved = false;
      for (const c of changes)
        moved =
          (c.op === 'upsert' ? set(layer, c.item.id, c.item) : set(layer, c.id, undefined)) ||
          moved;
      return moved;
    },
    replace(layer, items) {
      const fresh = new Map(items.map((i) => [i.id, i]));
      let moved = false;
      for (const id of [...layerOf(layer).keys()])
        if (!fresh.has(id)) moved = set(layer, id, undefined) || moved;
      for (const [id, item] of fresh) moved = set(layer, id, item) || moved;
      return moved;
    },
    get: (layer, id) => layers.get(layer)?.get(id),
    all: () => [...layers].map(([layer, items]) => [layer, [...items.values()]]),
    takeChanged() {
      const out = [...changed.values()];
      changed.clear();
      return out;
    },
    removeIncident(incidentId) {
      const out: LayerKey[] = [];
      for (const [layer, items] of layers)
        for (const [id, item] of items)
          if (item.incidentId === incidentId && item.subject) {
            set(layer, id, undefined);
            out.push({ layer, id });
          }
      return out;
    },
    size: () => [...layers.values()].reduce((n, l) => n + l.size, 0),
  };
}
