import type L from 'leaflet';

/**
 * Leaflet layers kept in step with a keyed collection, drawn imperatively: one pass over the
 * entries per frame, comparing each entry with the one drawn last by reference, so only what
 * changed is touched and nothing is allocated for what did not. React never renders a marker.
 */
export interface KeyedLayer<T> {
  /** Starts a pass. */
  begin(): void;
  /** States one entry of this pass; creates or updates its layer when it changed. */
  put(id: string, value: T): void;
  /** Ends a pass: layers of entries not stated in it are removed. */
  end(): void;
  /** The value drawn for an id. */
  get(id: string): T | undefined;
  clear(): void;
}

export function createKeyedLayer<T, Lyr extends L.Layer>(
  group: L.LayerGroup,
  o: { create(id: string, value: T): Lyr; update(layer: Lyr, value: T, previous: T): void },
): KeyedLayer<T> {
  const drawn = new Map<string, { value: T; layer: Lyr; pass: number }>();
  let pass = 0;
  return {
    begin() {
      pass += 1;
    },
    put(id, value) {
      const held = drawn.get(id);
      if (!held) {
        const layer = o.create(id, value);
        group.addLayer(layer);
        drawn.set(id, { value, layer, pass });
        return;
      }
      held.pass = pass;
      if (held.value === value) return;
      o.update(held.layer, value, held.value);
      held.value = value;
    },
    end() {
      for (const [id, held] of drawn)
        if (held.pass !== pass) {
          group.removeLayer(held.layer);
          drawn.delete(id);
        }
    },
    get: (id) => drawn.get(id)?.value,
    clear() {
      group.clearLayers();
      drawn.clear();
    },
  };
}
