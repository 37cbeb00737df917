import type { z } from 'zod';
import {
  REALTIME_LIMITS,
  ZMapSubscribe,
  ZSyncResume,
  type TAck,
  type TClientError,
  type TMapSubscribe,
  type TSyncResume,
} from '@muster/contracts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { createTokenBucket } from './rate-limit.ts';
import type { GatewaySocket } from './types.ts';

export interface ClientEventHandlers {
  resume(socket: GatewaySocket, req: TSyncResume): void | Promise<void>;
  subscribe(socket: GatewaySocket, req: TMapSubscribe): void | Promise<void>;
}

/** The first bad field of a payload, as a dotted path (`lastSeq`), and what is wrong with it. */
export function firstBadField(err: z.ZodError): { field: string; message: string } {
  const issue = err.issues[0];
  if (!issue) return { field: '(payload)', message: 'invalid' };
  if (issue.code === 'unrecognized_keys')
    return {
      field: [...issue.path, issue.keys[0] ?? ''].join('.'),
      message: 'unknown field: remove it',
    };
  return {
    field: issue.path.length > 0 ? issue.path.join('.') : '(payload)',
    message: issue.message,
  };
}

/**
 * Every client event passes here before anything else: a per-socket token bucket (excess is
 * refused; a socket that keeps collecting refusals is disconnected), the event name, then its
 * payload parsed with its contracts schema. A refusal answers through the acknowledgement
 * callback when the client gave one, else as `client:error`, and names the bad field; nothing a
 * client sends can throw inside the server.
 */
export function bindClientEvents(
  socket: GatewaySocket,
  h: ClientEventHandlers,
  o: { metrics: Metrics; logger: Logger },
): void {
  const L = REALTIME_LIMITS;
  const bucket = createTokenBucket(L.clientEventBurst, L.clientEventsPerSecond);
  let strikes = 0;
  let strikesAt = performance.now();

  const strike = (): boolean => {
    const now = performance.now();
    strikes = Math.max(0, strikes - (now - strikesAt) / 1000) + 1;
    strikesAt = now;
    return strikes > L.refusalsBeforeDisconnect;
  };

  socket.use((packet, _next) => {
    const [rawName, ...args] = packet as unknown[];
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (res: TAck) => void) : undefined;
    if (ack) args.pop();
    const event = typeof rawName === 'string' ? rawName.slice(0, 64) : '(none)';

    const refuse = (code: TClientError['code'], message: string, field?: string): void => {
      o.metrics.realtimeRefused.inc({ reason: code });
      const error: TClientError = { code, event, message, ...(field ? { field } : {}) };
      if (ack) ack({ ok: false, error });
      else socket.emit('client:error', error);
      if (code !== 'server.failed' && strike()) {
        o.metrics.realtimeRefused.inc({ reason: 'rate.abuse' });
        socket.emit('client:error', {
          code: 'rate.abuse',
          event,
          message: 'too many refused events: disconnected',
        });
        socket.disconnect(true);
      }
    };

    const run = <S extends z.ZodType>(
      schema: S,
      handler: (v: z.infer<S>) => void | Promise<void>,
    ): void => {
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        const bad = firstBadField(parsed.error);
        return refuse('payload.invalid', `${bad.field}: ${bad.message}`, bad.field);
      }
      Promise.resolve()
        .then(() => handler(parsed.data))
        .then(
          () => ack?.({ ok: true }),
          (err: unknown) => {
            o.logger.warn({ err, event }, 'client event failed');
            refuse('server.failed', 'the server could not handle this event; try again');
          },
        );
    };

    if (!bucket.take(performance.now()))
      return refuse('rate.limited', `more than ${L.clientEventsPerSecond} events/s: slow down`);
    // The events are handled here and never passed on (`_next` is not called).
    switch (event) {
      case 'sync:resume':
        return run(ZSyncResume, (v) => h.resume(socket, v));
      case 'map:subscribe':
        return run(ZMapSubscribe, (v) => h.subscribe(socket, v));
      default:
        return refuse('event.unknown', `no such event: ${event}`);
    }
  });
}
