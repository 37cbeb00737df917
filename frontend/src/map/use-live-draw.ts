import { useEffect } from 'react';
import type { LiveMapView } from '../realtime/live-map.ts';
import { useLiveMapStore } from '../realtime/realtime-context.tsx';

/**
 * Calls `draw` with the live map now and after each batch of changes (at most once per frame),
 * outside React's rendering: the drawing layers update Leaflet directly.
 */
export function useLiveDraw(draw: ((view: LiveMapView) => void) | undefined): void {
  const live = useLiveMapStore();
  useEffect(() => {
    if (!draw) return;
    let last = -1;
    const run = () => {
      const view = live.view();
      if (view.version === last) return;
      last = view.version;
      draw(view);
    };
    run();
    return live.subscribe(run);
  }, [live, draw]);
}
