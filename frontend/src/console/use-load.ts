import { useCallback, useEffect, useState } from 'react';
import type { FetchFailure, FetchResult } from '../api/fetch-json.ts';

export type Load<T> =
  { phase: 'loading' } | { phase: 'error'; failure: FetchFailure } | { phase: 'ready'; data: T };

/**
 * Loads with `fetcher` whenever its identity changes (wrap it in useCallback with its inputs)
 * and on `reload()`; an answer that arrives after a newer request started is dropped.
 */
export function useLoad<T>(
  fetcher: (signal: AbortSignal) => Promise<FetchResult<T>>,
): Load<T> & { reload: () => void } {
  const [state, setState] = useState<Load<T>>({ phase: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.phase === 'ready' ? s : { phase: 'loading' }));
    void fetcher(controller.signal).then((r) => {
      if (controller.signal.aborted) return;
      setState(r.ok ? { phase: 'ready', data: r.data } : { phase: 'error', failure: r.failure });
    });
    return () => controller.abort();
  }, [fetcher, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * Cursor paging: the cursors of the pages before the current one, so "previous" works on an API
 * that only hands out the next cursor.
 */
export function useCursorPages(): {
  cursor: string | undefined;
  page: number;
  next: (cursor: string) => void;
  previous: () => void;
  reset: () => void;
} {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length,
    next: (c) => setStack((s) => [...s, c]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined]),
  };
}

/** Calls `fn` every `ms` (0: never) while the page is shown: lists stay current without a live feed. */
export function useEvery(ms: number, fn: () => void): void {
  useEffect(() => {
    if (ms <= 0) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') fn();
    }, ms);
    return () => window.clearInterval(timer);
  }, [ms, fn]);
}
