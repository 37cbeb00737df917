import { ZSystemStatus } from '@muster/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useApi } from '../auth/use-api.ts';

export type TSystemStatus = z.output<typeof ZSystemStatus>;

/** How often the page asks again; the page text promises this figure. */
export const STATUS_POLL_MS = 5000;

export interface SystemStatusState {
  /** The last good answer, kept while later requests fail so the page can show it as stale. */
  data: TSystemStatus | undefined;
  updatedAt: Date | undefined;
  failure: FetchFailure | undefined;
  fetching: boolean;
}

const initial: SystemStatusState = {
  data: undefined,
  updatedAt: undefined,
  failure: undefined,
  fetching: true,
};

/**
 * Polls `/api/system/status`. The next request is scheduled when the previous one ends, so a slow
 * server never has requests piling up; `refresh()` asks at once and restarts the cycle.
 */
export function useSystemStatus(): SystemStatusState & { refresh: () => void } {
  const [state, setState] = useState<SystemStatusState>(initial);
  const [round, setRound] = useState(0);
  const api = useApi();

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const poll = async () => {
      setState((s) => ({ ...s, fetching: true }));
      const result = await api.get('/api/system/status', ZSystemStatus, controller.signal);
      if (controller.signal.aborted) return;
      setState((s) =>
        result.ok
          ? { data: result.data, updatedAt: new Date(), failure: undefined, fetching: false }
          : { ...s, failure: result.failure, fetching: false },
      );
      timer = window.setTimeout(() => void poll(), STATUS_POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [round, api]);

  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, refresh };
}
