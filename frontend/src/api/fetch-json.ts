import { ZErrorResponse, describeIssues, fieldIssues } from '@muster/contracts';
import type { TErrorResponse } from '@muster/contracts';
import type { z } from 'zod';

/** Why a request gave no usable data; each kind is shown with its own message. */
export type FetchFailure =
  | { kind: 'network' }
  | { kind: 'timeout'; seconds: number }
  /** The server explained itself with the product's error body (both languages). */
  | { kind: 'server'; status: number; error: TErrorResponse['error'] }
  | { kind: 'http'; status: number }
  /** The body does not match the contract: frontend and backend disagree. */
  | { kind: 'invalid'; detail: string };

export type FetchResult<T> = { ok: true; data: T } | { ok: false; failure: FetchFailure };

/** Long enough for a loaded server, short enough that a stuck request does not stall polling. */
const TIMEOUT_MS = 8000;

async function readJson(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * GETs `url` and parses the body with the contract's schema. Never throws: failures come back as
 * values so a page can show each one. An abort by `signal` also comes back as `network`.
 */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal: AbortSignal,
): Promise<FetchResult<z.output<S>>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const forward = () => controller.abort();
  signal.addEventListener('abort', forward, { once: true });
  try {
    const res = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    const body = await readJson(res);
    if (!res.ok) {
      const parsed = ZErrorResponse.safeParse(body);
      return {
        ok: false,
        failure: parsed.success
          ? { kind: 'server', status: res.status, error: parsed.data.error }
          : { kind: 'http', status: res.status },
      };
    }
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
    signal.removeEventListener('abort', forward);
  }
}
