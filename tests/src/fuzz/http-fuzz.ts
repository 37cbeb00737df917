import { ZErrorResponse } from '@muster/contracts';
import type { FuzzBackend } from './backend.ts';
import {
  encodeURIComponentSafe,
  type FuzzRequest,
  type Operation,
  type ParamValue,
} from './operations.ts';
import { changedTables, type Counts, type RowCounter } from './row-counts.ts';
import { FuzzFinding, count, type Tally } from './tally.ts';
import type { FuzzWorld } from './world.ts';

/** What the HTTP oracle needs, shared by every operation of a run. */
export interface HttpTarget {
  backend: FuzzBackend;
  world: FuzzWorld;
  counter: RowCounter;
  tally: Tally;
  /** Ids the server has handed out (from accepted answers), so fuzzed paths can name real rows. */
  pool: string[];
  /** Row counts after the last request. */
  baseline: Counts;
  /** Requests since the last health check. */
  sinceHealth: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const POOL_MAX = 64;

function paramText(v: ParamValue, pool: readonly string[]): string {
  if ('pool' in v)
    return pool.length > 0 ? pool[v.pool % pool.length]! : '00000000-0000-7000-8000-000000000000';
  return typeof v.value === 'string' ? v.value : (JSON.stringify(v.value) ?? 'undefined');
}

/** The URL of a fuzzed request: path values escaped (a raw `%` stays raw one time in four). */
export function urlOf(op: Operation, r: FuzzRequest, pool: readonly string[]): string {
  let i = 0;
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = r.path[name];
    const text = v ? paramText(v, pool) : '';
    return i++ % 4 === 3 && /%/.test(text) ? text : encodeURIComponentSafe(text);
  });
  const q = r.query.map(([k, v]) => `${encodeURIComponentSafe(k)}=${encodeURIComponentSafe(v)}`);
  if (r.rawQuery) q.push(r.rawQuery);
  return q.length > 0 ? `${path}?${q.join('&')}` : path;
}

async function send(
  t: HttpTarget,
  op: Operation,
  r: FuzzRequest,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...t.world.headers(r.caller, r.auth) };
  let body: string | undefined;
  if (r.body.kind === 'json') {
    body = JSON.stringify(r.body.value);
    headers['content-type'] = r.body.contentType;
  } else if (r.body.kind === 'raw') {
    body = r.body.text;
    if (r.body.contentType) headers['content-type'] = r.body.contentType;
  }
  const res = await fetch(`${t.backend.base}${urlOf(op, r, t.pool)}`, {
    method: op.method,
    headers,
    ...(body !== undefined && op.method !== 'GET' && op.method !== 'HEAD' ? { body } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text() };
}

/**
 * Sends one fuzzed request and holds the server to its promises: no answer ≥ 500, no crash, an
 * error body in the contract, and nothing written when the request was refused.
 */
export async function fuzzRequest(t: HttpTarget, op: Operation, r: FuzzRequest): Promise<void> {
  count(t.tally, 'http');
  const failuresBefore = t.backend.failures.length;
  let res: { status: number; text: string };
  try {
    res = await send(t, op, r);
  } catch (err) {
    if (!t.backend.alive())
      throw new FuzzFinding(
        'crash',
        `the backend died: ${t.backend.failures.map((f) => f.line).join('\n')}`,
      );
    throw new FuzzFinding(
      'crash',
      `no answer: ${err instanceof Error ? `${err.message} (${String((err.cause as { code?: unknown } | undefined)?.code ?? err.cause)})` : String(err)}`,
    );
  }
  if (!t.backend.alive())
    throw new FuzzFinding(
      'crash',
      `the backend died: ${t.backend.failures.map((f) => f.line).join('\n')}`,
    );
  if (res.status >= 500)
    throw new FuzzFinding(
      'http_5xx',
      `${op.method} ${op.path} answered ${res.status}: ${res.text.slice(0, 500)}`,
    );
  const logged = t.backend.failures.slice(failuresBefore);
  if (logged.length > 0)
    throw new FuzzFinding('crash', `the backend logged a failure: ${logged[0]!.line}`);
  if (++t.sinceHealth >= 200) {
    t.sinceHealth = 0;
    if (!(await t.backend.healthy())) throw new FuzzFinding('crash', '/healthz did not answer 200');
  }
  const after = await t.counter.snapshot();
  const before = t.baseline;
  t.baseline = after;
  if (res.status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      parsed = undefined;
    }
    // Even what Node's HTTP parser refuses before Express (a URL over 16 KiB: 431) has the body.
    if (!ZErrorResponse.safeParse(parsed).success)
      throw new FuzzFinding(
        'contract',
        `${res.status} body is not an error response: ${res.text.slice(0, 300)}`,
      );
    const changed = changedTables(before, after);
    if (changed.length > 0)
      throw new FuzzFinding(
        'write_from_rejected',
        `${op.method} ${op.path} was refused (${res.status}) but wrote: ${changed.join(', ')}`,
      );
    return;
  }
  // Accepted: its writes are its own. Keep the ids it returned; mend our sessions if it ended one.
  for (const id of res.text.match(UUID) ?? []) if (!t.pool.includes(id)) t.pool.push(id);
  if (t.pool.length > POOL_MAX) t.pool.splice(0, t.pool.length - POOL_MAX);
  if (op.method !== 'GET') {
    await t.world.heal();
    t.baseline = await t.counter.snapshot();
  }
}
