import { ZMapConfig, type TMapConfig } from '@muster/contracts';
import { useEffect, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useApi } from '../auth/use-api.ts';

export type MapConfigState =
  | { phase: 'loading' }
  | { phase: 'ready'; config: TMapConfig }
  | { phase: 'failed'; failure: FetchFailure };

/** The basemap setting (`GET /api/map/config`); without it the offline basemap is drawn. */
export function useMapConfig(): MapConfigState {
  const api = useApi();
  const [state, setState] = useState<MapConfigState>({ phase: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    void api.get('/api/map/config', ZMapConfig, controller.signal).then((r) => {
      if (controller.signal.aborted) return;
      setState(r.ok ? { phase: 'ready', config: r.data } : { phase: 'failed', failure: r.failure });
    });
    return () => controller.abort();
  }, [api]);
  return state;
}
