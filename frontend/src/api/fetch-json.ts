import { CSRF_HEADER, ZErrorResponse, describeIssues, fieldIssues } from '@muster/contracts';
import type { TErrorResponse } from '@muster/contracts';
import type { z } from 'zod';

/** Why a request gave no usable data; each kind is shown with its own message. */
export type FetchFailure =
  | { kind: 'network' }
  | { kind: 'timeout'; seconds: number }
  /**
   * The server explained itself with the product's error body (both languages). `retryAfter` is
   * the Retry-After header in seconds, when the server sent one (a throttled sign-in).
   */
  | { kind: 'server'; status: number; error: TErrorResponse['error']; retryAfter?: number }
  | { kind: 'http'; status: number }
  /** The body does not match the contract: frontend and backend disagree. */
  | { kind: 'invalid'; detail: string };

export type FetchResult<T> = { ok: true; data: T } | { ok: false; failure: FetchFailure };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** The session's CSRF token; sent as `X-CSRF-Token` on a request that changes state. */
  csrfToken?: string;
  /** An abort by this signal comes back as `network`. */
  signal?: AbortSignal;
}

/** Long enough for a loaded server, short enough that a stuck request does not stall polling. */
const TIMEOUT_MS = 8000;

async function readJson(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The HTTP status of a failure, when the server answered at all. */
export function failureStatus(f: FetchFailure): number | undefined {
  return f.kind === 'server' || f.kind === 'http' ? f.status : undefined;
}

/** The product error code of a failure, when the server sent its error body. */
export function failureCode(f: FetchFailure): TErrorResponse['error']['code'] | undefined {
  return f.kind === 'server' ? f.error.code : undefined;
}

function failureOf(res: Response, body: unknown): FetchFailure {
  const parsed = ZErrorResponse.safeParse(body);
  if (!parsed.success) return { kind: 'http', status: res.status };
  const retryAfter = retryAfterSeconds(res.headers.get('retry-after'), Date.now());
  return {
    kind: 'server',
    status: res.status,
    error: parsed.data.error,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/**
 * Sends a request to `url` (same origin, so the session cookie goes with it) and parses the
 * answer with the contract's schema. Never throws: failures come back as values so a page can
 * show each one.
 */
export async function requestJson<S extends z.ZodType>(
  url: string,
  schema: S,
  o: RequestOptions = {},
): Promise<FetchResult<z.output<S>>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const forward = () => controller.abort();
  o.signal?.addEventListener('abort', forward, { once: true });
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && o.csrfToken) headers[CSRF_HEADER] = o.csrfToken;
  try {
    const res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      signal: controller.signal,
    });
    const body = await readJson(res);
    if (!res.ok) return { ok: false, failure: failureOf(res, body) };
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return {
        ok: false,
        failure: { kind: 'invalid', detail: describeIssues(fieldIssues(parsed.error.issues)) },
      };
    }
    return { ok: true, data: parsed.data };
  } catch {
    return {
      ok: false,
      failure: timedOut ? { kind: 'timeout', seconds: TIMEOUT_MS / 1000 } : { kind: 'network' },
    };
  } finally {
    window.clearTimeout(timer);
    o.signal?.removeEventListener('abort', forward);
  }
}
