import L from 'leaflet';
import { useEffect, useMemo } from 'react';

/** A layer group of this map, on the map while `shown` (a layer toggle). */
export function useLayerGroup(map: L.Map, shown: boolean): L.LayerGroup {
  const group = useMemo(() => L.layerGroup(), []);
  useEffect(() => {
    if (!shown) return;
    group.addTo(map);
    return () => void group.remove();
  }, [map, group, shown]);
  return group;
}
