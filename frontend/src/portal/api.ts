import { useMemo } from 'react';
import type { z } from 'zod';
import { failureStatus, requestJson } from '../api/fetch-json.ts';
import type { FetchFailure, FetchResult } from '../api/fetch-json.ts';
import { useAuth } from '../auth/session-context.tsx';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The portal's requests: each one that changes state carries the session's CSRF token. */
export type PortalApi = <S extends z.ZodType>(
  method: Method,
  url: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
) => Promise<FetchResult<z.output<S>>>;

/**
 * Requests with the signed-in session, for every method the registry uses (maintenance is PUT,
 * taking a member off the roll is DELETE). A 401 anywhere means the session is over.
 */
export function usePortalApi(): PortalApi {
  const { state, lost } = useAuth();
  const csrfToken = state.phase === 'signed-in' ? state.session.csrfToken : undefined;
  return useMemo<PortalApi>(
    () => async (method, url, schema, body, signal) => {
      const result = await requestJson(url, schema, {
        method,
        ...(body === undefined ? {} : { body }),
        ...(csrfToken && method !== 'GET' ? { csrfToken } : {}),
        ...(signal ? { signal } : {}),
      });
      if (!result.ok && failureStatus(result.failure) === 401) lost('expired');
      return result;
    },
    [csrfToken, lost],
  );
}

/** The server's field issues keyed by path without the `body.` prefix (`members.0.phone`). */
export function issuesOf(f: FetchFailure | undefined): Record<string, string> {
  if (!f || f.kind !== 'server') return {};
  const out: Record<string, string> = {};
  for (const i of f.error.issues ?? []) out[i.path.replace(/^body\./, '')] ??= i.message;
  return out;
}
