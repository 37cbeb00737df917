import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { ZConnectErrorData } from '@muster/contracts';
import type { FuzzBackend } from './backend.ts';
import { changedTables, type RowCounter } from './row-counts.ts';
import {
  BAD_HANDSHAKES,
  CONNECT_ERROR_CODES,
  checkAnswer,
  emit,
  expectedOf,
  openSocket,
  socketBatchArb,
  type Emission,
} from './socket-fuzz.ts';
import { FuzzFinding, check, count, type Tally } from './tally.ts';
import type { FuzzWorld } from './world.ts';

export interface SocketTarget {
  backend: FuzzBackend;
  world: FuzzWorld;
  counter: RowCounter;
  tally: Tally;
}

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return cond();
};

function alive(t: SocketTarget, failuresBefore: number): void {
  if (!t.backend.alive())
    throw new FuzzFinding(
      'crash',
      `the backend died: ${t.backend.failures.map((f) => f.line).join('\n')}`,
    );
  const logged = t.backend.failures.slice(failuresBefore);
  if (logged.length > 0)
    throw new FuzzFinding('crash', `the backend logged a failure: ${logged[0]!.line}`);
}

/** One batch of emissions on a fresh socket, each answer checked, then the row counts. */
async function fuzzBatch(
  t: SocketTarget,
  batch: { role: Parameters<FuzzWorld['token']>[0]; emissions: Emission[] },
) {
  const failuresBefore = t.backend.failures.length;
  const before = await t.counter.snapshot();
  const socket: Socket = await openSocket(t.backend.base, { token: t.world.token(batch.role) });
  const errors: unknown[] = [];
  let disconnected = false;
  socket.on('client:error', (e: unknown) => errors.push(e));
  socket.on('disconnect', () => (disconnected = true));
  let anyAccepted = false;
  try {
    for (const e of batch.emissions) {
      count(t.tally, 'socket');
      const expected = expectedOf(e);
      if (expected === 'disconnect') {
        void emit(socket, { ...e, ack: 'none' });
        if (!(await until(() => disconnected, 5_000)))
          throw new FuzzFinding(
            'contract',
            `an oversized ${e.event} frame did not end the connection`,
          );
        break;
      }
      if (expected === 'survive') {
        // The server may drop a connection that breaks the protocol; it must not fall over.
        await emit(socket, e);
        await new Promise((r) => setTimeout(r, 30));
        if (disconnected) break;
        continue;
      }
      if (expected.ok) anyAccepted = true;
      const seen = errors.length;
      const ack = await emit(socket, e).catch((err: unknown) => {
        throw new FuzzFinding('contract', err instanceof Error ? err.message : String(err));
      });
      let answer: unknown = ack;
      if (e.ack !== 'function' && !expected.ok) {
        if (!(await until(() => errors.length > seen, 5_000)))
          throw new FuzzFinding(
            'contract',
            `no client:error for a refused ${JSON.stringify(e.event)}`,
          );
        answer = errors[seen];
      }
      const problem = checkAnswer(e, expected, answer);
      if (problem)
        throw new FuzzFinding(/server\.failed/.test(problem) ? 'crash' : 'contract', problem);
      if (disconnected)
        throw new FuzzFinding('contract', `the socket was dropped after ${e.event}`);
    }
  } finally {
    socket.close();
  }
  alive(t, failuresBefore);
  const changed = changedTables(before, await t.counter.snapshot());
  if (!anyAccepted && changed.length > 0)
    throw new FuzzFinding(
      'write_from_rejected',
      `refused socket events wrote: ${changed.join(', ')}`,
    );
}

/** Handshakes with bad credentials: each refused with a code of the contract. */
async function badHandshakes(t: SocketTarget): Promise<void> {
  for (const auth of BAD_HANDSHAKES) {
    count(t.tally, 'socket');
    const code = await openSocket(t.backend.base, auth).then(
      (s) => {
        s.close();
        return 'connected';
      },
      (err: unknown) =>
        ZConnectErrorData.safeParse((err as { data?: unknown }).data).data?.code ??
        `no code (${String(err)})`,
    );
    if (!CONNECT_ERROR_CODES.includes(code))
      throw new FuzzFinding(
        'contract',
        `handshake with ${JSON.stringify(auth).slice(0, 80)} ended ${code}`,
      );
  }
}

/** A flood on one socket: refused beyond the burst, then disconnected for abuse; the server unharmed. */
async function flood(t: SocketTarget): Promise<void> {
  const socket = await openSocket(t.backend.base, { token: t.world.token('observer') });
  const errors: { code?: string }[] = [];
  let disconnected = false;
  socket.on('client:error', (e: { code?: string }) => errors.push(e));
  socket.on('disconnect', () => (disconnected = true));
  const acks = await Promise.all(
    Array.from({ length: 30 }, () => {
      count(t.tally, 'socket');
      return emit(socket, { event: 'map:subscribe', payload: { json: {} }, ack: 'function' });
    }),
  );
  const limited = acks.filter(
    (a) => (a as { error?: { code?: string } }).error?.code === 'rate.limited',
  ).length;
  if (limited === 0 || limited > 30 - 15)
    throw new FuzzFinding('contract', `a burst of 30 events saw ${limited} rate-limited`);
  for (let i = 0; i < 200 && !disconnected; i++) {
    count(t.tally, 'socket');
    socket.emit('map:subscribe', { nope: i });
    await new Promise((r) => setImmediate(r));
  }
  if (!(await until(() => disconnected, 5_000)) || !errors.some((e) => e.code === 'rate.abuse'))
    throw new FuzzFinding(
      'contract',
      'a socket that kept sending refused events was not disconnected for abuse',
    );
  socket.close();
  if (!(await t.backend.healthy()))
    throw new FuzzFinding('crash', '/healthz did not answer after a flood');
}

export async function socketPhase(
  t: SocketTarget,
  o: { seed: number; runs: number; path?: string; only?: string },
): Promise<void> {
  const want = (name: string) => !o.only || name.startsWith(o.only) || o.only.startsWith(name);
  if (want('socket:handshake'))
    await check(t.tally, 'socket:handshake', { ...o, runs: 1 }, fc.constant(null), () =>
      badHandshakes(t),
    );
  if (want('socket:events'))
    await check(t.tally, 'socket:events', o, socketBatchArb, (b) => fuzzBatch(t, b));
  if (want('socket:flood'))
    await check(t.tally, 'socket:flood', { ...o, runs: 1 }, fc.constant(null), () => flood(t));
}
