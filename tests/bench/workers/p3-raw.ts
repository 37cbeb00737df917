// P3's raw baseline: the same positions through the bare libraries in one process — a bare
// JetStream publish of each report, an ordered consumer reading them back, the latest per team
// kept, and one bare Socket.IO broadcast per tick to every client. No HTTP, database, policy.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { cpuNow } from './ipc.ts';

export type RawCommand =
  | {
      type: 'start';
      natsUrl: string;
      namespace: string;
      tickMs: number;
      teams: number;
      members: number;
      everyMs: number;
    }
  | { type: 'cpu' }
  | { type: 'stop' };
export type RawReply =
  { type: 'ready'; url: string } | { type: 'cpu'; cpuMs: number; systemMs: number; wallMs: number };

let nc: NatsConnection | undefined;
let messages: ConsumerMessages | undefined;
let timers: NodeJS.Timeout[] = [];
let stream = '';
const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
const send = (r: RawReply) => process.send?.(r);

interface Position {
  teamId: string;
  lon: number;
  lat: number;
  reportedAt: string;
}

async function start(c: Extract<RawCommand, { type: 'start' }>): Promise<void> {
  nc = await connect({ servers: c.natsUrl.split(','), noAsyncTraces: true });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  stream = `${c.namespace.toUpperCase()}_P3RAW`;
  const subject = `${c.namespace}.p3raw.position`;
  await jsm.streams.add({ name: stream, subjects: [subject], max_age: 600_000_000_000 });
  const latest = new Map<string, Position>();
  const changed = new Set<string>();
  const consumer = await js.consumers.get(stream);
  messages = await consumer.consume({
    max_messages: 1000,
    callback: (m) => {
      const p = m.json<Position>();
      latest.set(p.teamId, p);
      changed.add(p.teamId);
    },
  });
  let seq = 0;
  timers.push(
    setInterval(() => {
      if (changed.size === 0) return;
      const positions = [...changed].map((id) => latest.get(id)!);
      changed.clear();
      io.emit('map:positions', { seq: ++seq, positions });
    }, c.tickMs),
  );
  // The members: every report published once to JetStream, spread over the interval.
  const teamIds = Array.from({ length: c.teams }, () => crypto.randomUUID());
  for (let i = 0; i < c.members; i++) {
    const teamId = teamIds[i % c.teams]!;
    const fire = () =>
      void js
        .publish(
          subject,
          JSON.stringify({ teamId, lon: 106.43, lat: 29.82, reportedAt: new Date().toISOString() }),
        )
        .catch(() => undefined);
    timers.push(
      setTimeout(
        () => {
          fire();
          timers.push(setInterval(fire, c.everyMs));
        },
        (i / c.members) * c.everyMs,
      ),
    );
  }
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
  send({ type: 'ready', url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` });
}

async function stop(): Promise<void> {
  for (const t of timers) clearTimeout(t);
  timers = [];
  messages?.stop();
  if (nc && stream) await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  await nc?.close();
  io.disconnectSockets(true);
  await io.close();
}

process.on('message', (raw: unknown) => {
  // From our own parent over IPC: trusted to be a command.
  const cmd = raw as RawCommand;
  switch (cmd.type) {
    case 'start':
      void start(cmd);
      break;
    case 'cpu':
      send({ type: 'cpu', ...cpuNow() });
      break;
    case 'stop':
      void stop().finally(() => process.exit(0));
      break;
  }
});
