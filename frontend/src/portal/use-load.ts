import { useCallback, useEffect, useRef, useState } from 'react';
import type { FetchFailure, FetchResult } from '../api/fetch-json.ts';

export interface Loaded<T> {
  /** The last good answer, kept while a later request fails or runs. */
  data: T | undefined;
  failure: FetchFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads with `fetcher` when `key` changes, on `reload()`, and every `pollMs` when given; a slow
 * answer never lands over a newer one.
 */
export function useLoad<T>(
  key: string | null,
  fetcher: (signal: AbortSignal) => Promise<FetchResult<T>>,
  pollMs?: number,
): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: undefined,
    failure: undefined,
    loading: key !== null,
  });
  const [round, setRound] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    let timer: number | undefined;
    const run = async () => {
      setState((s) => ({ ...s, loading: true }));
      const r = await fetcherRef.current(controller.signal);
      if (controller.signal.aborted) return;
      setState((s) =>
        r.ok
          ? { data: r.data, failure: undefined, loading: false }
          : { ...s, failure: r.failure, loading: false },
      );
      if (pollMs) timer = window.setTimeout(() => void run(), pollMs);
    };
    void run();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [key, round, pollMs]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
