import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Sql } from './client.ts';
import type { Logger } from '../logger.ts';

/**
 * A NOTIFY channel that a per-process cache drops entries from, and the proof that it is heard.
 * Writers NOTIFY in the changing transaction (by hand or from a trigger), so a notice arrives only
 * for a change that committed. The process NOTIFYs itself a ping every `staleMs / 3` while the
 * cache is used; PostgreSQL delivers notices in commit order, so once a ping sent at t has come
 * back every change committed before t has been heard. `live()` is false when none sent in the
 * last `staleMs` has come back (the LISTEN connection dropped, PostgreSQL is slow): the cache must
 * then answer from the database. Every (re)connect of the listener calls `onReset`: what was said
 * while it was down is lost.
 */
export interface HeardChannel {
  /** Whether the cache may answer now; also marks it in use (it pings only while used). */
  live(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HeardChannelOptions {
  sql: Sql;
  logger: Logger;
  channel: string;
  staleMs: number;
  /** A notice other than this process's ping. */
  onNotice(payload: string): void;
  /** The listener (re)connected, or stopped: forget everything. */
  onReset(): void;
  /** Monotonic milliseconds (tests). */
  now?: () => number;
}

/** No pings once the cache has not been asked for this long: an idle process stays quiet. */
const IDLE_MS = 30_000;
/** A ping's payload: `ping:<process>:<sent at>`. */
const PING = 'ping:';

export function createHeardChannel(o: HeardChannelOptions): HeardChannel {
  const now = o.now ?? (() => performance.now());
  const me = randomBytes(9).toString('base64url');
  const mine = `${PING}${me}:`;
  const pingEvery = Math.max(50, Math.floor(o.staleMs / 3));
  let heardSentAt = Number.NEGATIVE_INFINITY;
  let lastPingAt = Number.NEGATIVE_INFINITY;
  let lastUse = Number.NEGATIVE_INFINITY;
  /** When the oldest ping not yet answered was sent. */
  let unansweredSince: number | undefined;
  let pinging = false;
  let resubscribing = false;
  let timer: NodeJS.Timeout | undefined;
  let sub: { unlisten(): Promise<void> } | undefined;
  let stopped = true;

  const onPayload = (payload: string) => {
    if (!payload.startsWith(PING)) return o.onNotice(payload);
    if (!payload.startsWith(mine)) return;
    const at = Number(payload.slice(mine.length));
    if (at > heardSentAt) {
      heardSentAt = at;
      unansweredSince = undefined;
    }
  };

  const subscribe = async () => {
    sub = await o.sql.listen(o.channel, onPayload, () => {
      heardSentAt = Number.NEGATIVE_INFINITY;
      o.onReset();
    });
  };

  /** Pinging a while and hearing nothing: postgres.js may have given up re-listening. */
  const resubscribe = () => {
    if (resubscribing || stopped) return;
    resubscribing = true;
    o.logger.warn({ channel: o.channel }, 'a cache hears no notices; listening again');
    const old = sub;
    void (async () => {
      try {
        await old?.unlisten();
        if (!stopped) await subscribe();
      } catch (err) {
        o.logger.warn({ err, channel: o.channel }, 'listening failed; will retry');
      } finally {
        resubscribing = false;
      }
    })();
  };

  const ping = () => {
    const t = now();
    if (pinging || stopped || t - lastPingAt < pingEvery) return;
    pinging = true;
    lastPingAt = t;
    o.sql`select pg_notify(${o.channel}, ${mine + String(t)})`
      .then(
        () => undefined,
        (err: unknown) => o.logger.warn({ err, channel: o.channel }, 'cache ping failed'),
      )
      .finally(() => {
        pinging = false;
      });
    unansweredSince ??= t;
    if (t - unansweredSince > 10 * o.staleMs) {
      unansweredSince = t;
      resubscribe();
    }
  };

  return {
    live() {
      const t = now();
      lastUse = t;
      const ok = !stopped && t - heardSentAt <= o.staleMs;
      if (!ok) ping();
      return ok;
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      await subscribe();
      timer = setInterval(() => {
        if (now() - lastUse <= IDLE_MS) ping();
      }, pingEvery);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      o.onReset();
      const s = sub;
      sub = undefined;
      await s?.unlisten();
    },
  };
}
