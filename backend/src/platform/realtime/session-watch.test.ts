import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import type { Viewer } from '../access/viewer.ts';
import type { Authenticated } from './handshake.ts';
import { createSessionWatch } from './session-watch.ts';
import type { GatewaySocket, SessionFacts, SessionSource } from './types.ts';

/** A session source whose answers the test sets, recording how it was asked. */
function fakeSessions() {
  const lookups: { token: string; touch: boolean | undefined }[] = [];
  const revoked = new Set<string>();
  let answer: SessionFacts | undefined;
  const source: SessionSource = {
    viewerForToken(token, opts) {
      lookups.push({ token, touch: opts?.touch });
      return Promise.resolve(answer && { viewer: {} as Viewer, session: answer });
    },
    onRevoked: () => undefined,
    revokedAmong: (ids) => Promise.resolve(ids.filter((id) => revoked.has(id))),
  };
  return {
    source,
    lookups,
    revoked,
    answer: (a: SessionFacts | undefined) => (answer = a),
  };
}

/** Just what the watch touches of a socket. */
function fakeSocket(sessionId: string, expiresAtMs: number | null) {
  const emitted: unknown[] = [];
  const socket = {
    connected: true,
    data: { sessionId, expiresAtMs },
    emit(event: string, payload: unknown) {
      emitted.push([event, payload]);
      return true;
    },
    disconnect() {
      socket.connected = false;
      return socket;
    },
  };
  return { socket: socket as unknown as GatewaySocket, emitted };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function watch(sessions: SessionSource, tokens: WeakMap<GatewaySocket, Authenticated>) {
  return createSessionWatch({
    sessions,
    tokens,
    clock: systemClock,
    logger: createLogger({ level: 'silent', instanceId: 'test' }),
    metrics: createMetrics(),
    recentMs: 60_000,
    checkMs: 50,
  });
}

describe('session watch', () => {
  it("asks the store at a session's expiry without touching it, and follows an extended expiry", async () => {
    const f = fakeSessions();
    const tokens = new WeakMap<GatewaySocket, Authenticated>();
    const w = watch(f.source, tokens);
    const { socket, emitted } = fakeSocket('s1', Date.now() + 50);
    tokens.set(socket, { token: 'tok', session: {} });
    // Used elsewhere meanwhile: the idle expiry moved on.
    f.answer({ idleExpiresAt: new Date(Date.now() + 150) });
    w.track(socket);
    await wait(120);
    expect(f.lookups).toEqual([{ token: 'tok', touch: false }]);
    expect(socket.connected).toBe(true);
    // Then left idle: the store no longer knows the session as live.
    f.answer(undefined);
    await wait(200);
    expect(f.lookups.every((l) => l.touch === false)).toBe(true);
    expect(emitted).toEqual([['session:ended', { reason: 'expired' }]]);
    expect(socket.connected).toBe(false);
    w.stop();
  });

  it('ends the sockets of a session found revoked by its own check (a notice was missed)', async () => {
    const f = fakeSessions();
    const w = watch(f.source, new WeakMap());
    const kept = fakeSocket('alive', null);
    const gone = fakeSocket('revoked', null);
    w.track(kept.socket);
    w.track(gone.socket);
    f.revoked.add('revoked');
    await wait(200);
    expect(gone.emitted).toEqual([['session:ended', { reason: 'revoked' }]]);
    expect(gone.socket.connected).toBe(false);
    expect(kept.socket.connected).toBe(true);
    expect(w.endedRecently('revoked')).toBe(true);
    w.stop();
  });
});
