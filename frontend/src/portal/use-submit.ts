import { useCallback, useRef, useState } from 'react';
import type { FetchFailure, FetchResult } from '../api/fetch-json.ts';
import { issuesOf } from './api.ts';

export interface Submit {
  pending: boolean;
  failure: FetchFailure | undefined;
  /** The server's field issues (`members.0.phone` → message), or the form's own. */
  errors: Record<string, string>;
  setErrors: (errors: Record<string, string>) => void;
  /** Sends once at a time; on success clears the failure and calls `onOk` with the answer. */
  run: <T>(request: () => Promise<FetchResult<T>>, onOk: (data: T) => void) => Promise<void>;
}

/** A form's request: one at a time, its failure and the fields the server named. */
export function useSubmit(): Submit {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<FetchFailure | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const busy = useRef(false);
  const run = useCallback(
    async <T>(request: () => Promise<FetchResult<T>>, onOk: (data: T) => void) => {
      if (busy.current) return;
      busy.current = true;
      setPending(true);
      const r = await request();
      busy.current = false;
      setPending(false);
      setFailure(r.ok ? undefined : r.failure);
      setErrors(r.ok ? {} : issuesOf(r.failure));
      if (r.ok) onOk(r.data);
    },
    [],
  );
  return { pending, failure, errors, setErrors, run };
}
