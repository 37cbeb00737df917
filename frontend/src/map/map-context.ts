import type L from 'leaflet';
import { createContext, useContext } from 'react';
import type { MapDatum } from './gcj02.ts';

/** What is selected on the map: one item of a layer (`positions` for a team's live position). */
export interface Selection {
  layer: string;
  id: string;
}

/** What the drawing layers share: the datum of the basemap and how to select an item. */
export interface MapScope {
  datum: MapDatum;
  select: (s: Selection) => void;
  /** A canvas renderer shared by every vector layer (one canvas, not one per layer). */
  renderer: L.Renderer;
}

export const MapScopeContext = createContext<MapScope | null>(null);

export function useMapScope(): MapScope {
  const v = useContext(MapScopeContext);
  if (!v) throw new Error('useMapScope must be used inside the command map');
  return v;
}
