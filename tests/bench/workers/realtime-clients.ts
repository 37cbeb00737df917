// The P1 clients: a separate process that opens many Socket.IO websocket connections and notes
// when each first receives each probe. Driven by the benchmark over IPC (see p1-realtime.ts).
import type { Socket } from 'socket.io-client';
import { connectSockets, type Target } from './sockets.ts';

export type { Target } from './sockets.ts';
/** What the benchmark (the parent, over IPC) asks of this process. */
export type ClientCommand =
  | { type: 'connect'; targets: Target[]; concurrency: number }
  | { type: 'collect' }
  | { type: 'close' };
export interface ConnectedReply {
  type: 'connected';
  connected: number;
  failures: string[];
  ms: number;
}
export interface ReceiptsReply {
  type: 'receipts';
  /** Probe key (its `reportedAt`) → wall-clock ms at which each socket first had it. */
  byKey: Record<string, number[]>;
}

/** Wall-clock ms with sub-ms resolution; the parent uses the same clock for publish times. */
const wallMs = () => performance.timeOrigin + performance.now();

const sockets: Socket[] = [];
let receipts = new Map<string, number[]>();

function send(msg: ConnectedReply | ReceiptsReply): void {
  process.send?.(msg);
}

function watch(socket: Socket): void {
  const seen = new Set<string>();
  // A hand-written check, not a schema: this runs 2,000 times per probe on the measured path.
  socket.on('map:positions', (batch: { positions?: { reportedAt?: unknown }[] }) => {
    const at = wallMs();
    for (const p of batch.positions ?? []) {
      if (typeof p.reportedAt !== 'string' || seen.has(p.reportedAt)) continue;
      seen.add(p.reportedAt);
      const list = receipts.get(p.reportedAt) ?? [];
      list.push(at);
      receipts.set(p.reportedAt, list);
    }
  });
}

async function connectAll(targets: Target[], concurrency: number) {
  const started = wallMs();
  const opened = await connectSockets(targets, concurrency, watch);
  sockets.push(...opened.sockets);
  send({
    type: 'connected',
    connected: sockets.length,
    failures: opened.failures,
    ms: wallMs() - started,
  });
}

process.on('message', (raw: unknown) => {
  // From our own parent over IPC: trusted to be a command.
  const cmd = raw as ClientCommand;
  switch (cmd.type) {
    case 'connect':
      void connectAll(cmd.targets, cmd.concurrency);
      break;
    case 'collect':
      send({ type: 'receipts', byKey: Object.fromEntries(receipts) });
      receipts = new Map();
      break;
    case 'close':
      for (const s of sockets) s.close();
      process.exit(0);
  }
});
