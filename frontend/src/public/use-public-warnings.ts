import { ZPublicWarningList } from '@muster/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { requestJson } from '../api/fetch-json.ts';
import type { FetchFailure } from '../api/fetch-json.ts';

export type TPublicWarningList = z.output<typeof ZPublicWarningList>;

/** How often the page asks again; the page text promises this figure. */
export const PUBLIC_POLL_MS = 60_000;

export interface PublicWarningsState {
  /** The last good answer, kept while later requests fail. */
  data: TPublicWarningList | undefined;
  failure: FetchFailure | undefined;
  loading: boolean;
}

/**
 * Polls `/api/public/warnings` (no session: the public route answers anyone). The next request is
 * scheduled when the previous one ends; `retry()` asks at once.
 */
export function usePublicWarnings(): PublicWarningsState & { retry: () => void } {
  const [state, setState] = useState<PublicWarningsState>({
    data: undefined,
    failure: undefined,
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const poll = async () => {
      setState((s) => ({ ...s, loading: true }));
      const r = await requestJson('/api/public/warnings', ZPublicWarningList, {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      setState((s) =>
        r.ok
          ? { data: r.data, failure: undefined, loading: false }
          : { ...s, failure: r.failure, loading: false },
      );
      timer = window.setTimeout(() => void poll(), PUBLIC_POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [round]);
  const retry = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, retry };
}
