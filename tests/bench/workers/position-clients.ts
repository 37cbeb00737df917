// P3's map clients: a separate process of Socket.IO websocket connections that counts the frames
// each receives per second and how long each position took from its report to the screen.
import type { Socket } from 'socket.io-client';
import { connectSockets, type Target as ClientTarget } from './sockets.ts';
import { wallMs } from './ipc.ts';

export type ClientsCommand =
  | { type: 'connect'; targets: ClientTarget[]; concurrency: number }
  | { type: 'reset' }
  | { type: 'collect' }
  | { type: 'disconnect' }
  | { type: 'exit' };
export type ClientsReply =
  | { type: 'connected'; connected: number; failures: string[] }
  | { type: 'disconnected' }
  | {
      type: 'stats';
      /** Per socket, the most frames received in any one calendar second (delays bunch them). */
      maxFramesPerSecond: number[];
      /** Per socket, frames received over the window. */
      framesPerSocket: number[];
      /** Frames per socket per second over the window. */
      meanFramesPerSecond: number;
      /** Position-to-screen latency histogram: index = whole milliseconds, last = beyond. */
      histogram: number[];
      positions: number;
      seconds: number;
    };

const HISTOGRAM_MS = 60_000;
let sockets: Socket[] = [];
let histogram = new Uint32Array(HISTOGRAM_MS + 1);
let positions = 0;
let frames = 0;
let since = wallMs();
/** Per socket: the calendar second being counted, its count, and the largest so far. */
let perSocket = new Map<Socket, { second: number; count: number; max: number; total: number }>();

const send = (r: ClientsReply) => process.send?.(r);

function watch(socket: Socket): void {
  // A hand-written read, not a schema: this runs for every frame of every socket.
  socket.on('map:positions', (batch: { positions?: { reportedAt?: unknown }[] }) => {
    const at = wallMs();
    frames++;
    const second = Math.floor(at / 1000);
    const s = perSocket.get(socket) ?? { second, count: 0, max: 0, total: 0 };
    if (s.second !== second) {
      s.second = second;
      s.count = 0;
    }
    s.count++;
    s.total++;
    s.max = Math.max(s.max, s.count);
    perSocket.set(socket, s);
    for (const p of batch.positions ?? []) {
      if (typeof p.reportedAt !== 'string') continue;
      const ms = Math.max(0, Math.round(at - Date.parse(p.reportedAt)));
      histogram[Math.min(HISTOGRAM_MS, ms)]!++;
      positions++;
    }
  });
}

async function connectAll(targets: ClientTarget[], concurrency: number): Promise<void> {
  const opened = await connectSockets(targets, concurrency, watch);
  sockets.push(...opened.sockets);
  send({ type: 'connected', connected: sockets.length, failures: opened.failures });
}

process.on('message', (raw: unknown) => {
  // From our own parent over IPC: trusted to be a command.
  const cmd = raw as ClientsCommand;
  switch (cmd.type) {
    case 'connect':
      void connectAll(cmd.targets, cmd.concurrency);
      break;
    case 'reset':
      histogram = new Uint32Array(HISTOGRAM_MS + 1);
      positions = 0;
      frames = 0;
      perSocket = new Map();
      since = wallMs();
      break;
    case 'collect': {
      const seconds = (wallMs() - since) / 1000;
      send({
        type: 'stats',
        maxFramesPerSecond: sockets.map((s) => perSocket.get(s)?.max ?? 0),
        framesPerSocket: sockets.map((s) => perSocket.get(s)?.total ?? 0),
        meanFramesPerSecond: frames / Math.max(1, sockets.length) / seconds,
        histogram: [...histogram],
        positions,
        seconds,
      });
      break;
    }
    case 'disconnect':
      for (const s of sockets) s.close();
      sockets = [];
      send({ type: 'disconnected' });
      break;
    case 'exit':
      for (const s of sockets) s.close();
      process.exit(0);
  }
});
