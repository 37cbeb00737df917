import { useMemo } from 'react';
import type { z } from 'zod';
import { failureStatus, requestJson } from '../api/fetch-json.ts';
import type { FetchResult } from '../api/fetch-json.ts';
import { useAuth } from './session-context.tsx';

/** Requests made with the signed-in session. */
export interface Api {
  get<S extends z.ZodType>(
    url: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<FetchResult<z.output<S>>>;
  /** A state-changing request: carries the session's CSRF token. */
  post<S extends z.ZodType>(
    url: string,
    schema: S,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<FetchResult<z.output<S>>>;
  /** Any state-changing method (PUT, PATCH as the contract names it), with the CSRF token. */
  send<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'PATCH',
    url: string,
    schema: S,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<FetchResult<z.output<S>>>;
}

/**
 * The session's requests: every POST sends `X-CSRF-Token`, and a 401 anywhere means the session
 * is over, so the app goes back to the sign-in page.
 */
export function useApi(): Api {
  const { state, lost } = useAuth();
  const csrfToken = state.phase === 'signed-in' ? state.session.csrfToken : undefined;
  return useMemo<Api>(() => {
    const guard = <T>(result: FetchResult<T>): FetchResult<T> => {
      if (!result.ok && failureStatus(result.failure) === 401) lost('expired');
      return result;
    };
    const send: Api['send'] = async (method, url, schema, body, signal) =>
      guard(
        await requestJson(url, schema, {
          method,
          body,
          ...(csrfToken ? { csrfToken } : {}),
          ...(signal ? { signal } : {}),
        }),
      );
    return {
      get: async (url, schema, signal) =>
        guard(await requestJson(url, schema, signal ? { signal } : {})),
      post: (url, schema, body, signal) => send('POST', url, schema, body, signal),
      send,
    };
  }, [csrfToken, lost]);
}
