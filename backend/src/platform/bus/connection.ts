import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Logger } from '../logger.ts';

export type BusState = 'connected' | 'reconnecting' | 'disconnected' | 'closed';

export interface BusConnection {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  state(): BusState;
  onState(listener: (state: BusState) => void): () => void;
  close(): Promise<void>;
}

/** Exponential backoff with jitter, 250 ms doubling to 10 s; retries forever. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(10_000, 250 * 2 ** Math.min(attempt, 6));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * Connects to NATS and keeps reconnecting with backoff for as long as the process lives.
 * The first connection also waits for a server that is not up yet.
 */
export async function connectBus(opts: {
  servers: string;
  name: string;
  logger: Logger;
}): Promise<BusConnection> {
  let attempt = 0;
  let state: BusState = 'disconnected';
  const listeners = new Set<(s: BusState) => void>();
  const setState = (s: BusState): void => {
    if (s === state) return;
    state = s;
    for (const l of listeners) l(s);
  };

  const nc = await connect({
    servers: opts.servers.split(',').map((s) => s.trim()),
    name: opts.name,
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectDelayHandler: () => reconnectDelay(attempt++),
    pingInterval: 5_000,
    maxPingOut: 3,
    // Building a stack trace for every request (each JetStream publish) costs ~13% of the CPU
    // of a busy relay; errors still carry their message and code.
    noAsyncTraces: true,
  });
  setState('connected');

  void (async () => {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect':
          opts.logger.warn({ server: s.server }, 'nats disconnected');
          setState('disconnected');
          break;
        case 'reconnecting':
          setState('reconnecting');
          break;
        case 'reconnect':
          attempt = 0;
          opts.logger.info({ server: s.server }, 'nats reconnected');
          setState('connected');
          break;
        case 'error':
          opts.logger.warn({ err: s.error }, 'nats error');
          break;
        case 'close':
          setState('closed');
          break;
        default:
          break;
      }
    }
  })();
  void nc.closed().then(() => setState('closed'));

  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js,
    jsm,
    state: () => state,
    onState: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * How long a pull request of `consume()` stays open. The server sends a heartbeat every half of
 * it; two missed heartbeats make the client pull again. The library's 30 s meant that a pull
 * lost with a NATS node (its consumer's leader moving to another node) stalled a consumer for
 * 30 s or more; at 6 s one is noticed within about 6 s, at the cost of a pull every 6 s per idle
 * consumer.
 */
export const PULL_EXPIRES_MS = 6_000;
