import { useEffect } from 'react';
import type { LiveMapView } from '../realtime/live-map.ts';
import { useLiveMapStore } from '../realtime/realtime-context.tsx';

/**
 * Calls `draw` with the live map now and after each batch of changes (at most once per frame),
 * outside React's rendering: the drawing layers update Leaflet directly.
 */
export function useLiveDraw(
  draw: ((view: LiveMapView) => void) | undefined,
  /** Items only: positions do not concern this layer (no pass when only they moved). */
  itemsOnly = false,
): void {
  const live = useLiveMapStore();
  useEffect(() => {
    if (!draw) return;
    let last = -1;
    const run = () => {
      const view = live.view();
      const version = itemsOnly ? view.itemsVersion : view.version;
      if (version === last) return;
      last = version;
      draw(view);
    };
    run();
    return live.subscribe(run);
  }, [live, draw, itemsOnly]);
}
