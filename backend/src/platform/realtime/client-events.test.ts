import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { REALTIME_LIMITS, ZAck, type TAck } from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { FAST_PASSWORDS, createAccount, login } from '../../testing/accounts.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  REALTIME_TEST_CONFIG,
  gatewayClient,
  open,
  record,
  type TestSocket,
} from '../../testing/realtime.ts';

/** Emits any event with any payload, as a misbehaving client would; resolves with the ack. */
function emitRaw(socket: TestSocket, event: string, payload: unknown): Promise<TAck> {
  return new Promise((resolve) => {
    (socket as unknown as Socket).emit(event, payload, (ack: unknown) => resolve(ZAck.parse(ack)));
  });
}

describe('what clients send the gateway', () => {
  let env: TestEnv;
  let m: Muster;
  let token: string;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ ...REALTIME_TEST_CONFIG, ...FAST_PASSWORDS }));
    const a = await createAccount(m.database.db, { role: 'duty_officer' });
    token = (await login(`http://127.0.0.1:${m.port}`, a.username, a.password)).bearer;
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('answers a bad payload with an error naming the field, and keeps serving', async () => {
    const socket = await open(gatewayClient(m, { token }));
    const refusal = async (event: string, payload: unknown) => {
      const ack = await emitRaw(socket, event, payload);
      if (ack.ok) throw new Error(`${event} was accepted`);
      return ack.error;
    };
    expect(await refusal('sync:resume', { epoch: 'e', lastSeq: 'seven' })).toMatchObject({
      code: 'payload.invalid',
      event: 'sync:resume',
      field: 'lastSeq',
    });
    expect(await refusal('sync:resume', { epoch: 'e', lastSeq: -1 })).toMatchObject({
      field: 'lastSeq',
    });
    expect(await refusal('map:subscribe', { incidentId: 'not-a-uuid' })).toMatchObject({
      field: 'incidentId',
    });
    expect(await refusal('map:subscribe', { incident: 'typo' })).toMatchObject({
      field: 'incident',
    });
    expect(await refusal('map:subscribe', 42)).toMatchObject({ field: '(payload)' });
    expect(await refusal('admin:everything', {})).toMatchObject({ code: 'event.unknown' });

    // Without an acknowledgement callback the refusal comes as `client:error`.
    const errors = record(socket, 'client:error');
    (socket as unknown as Socket).emit('sync:resume', { lastSeq: 3 });
    await waitFor('the error event', () => errors.length > 0);
    expect(errors[0]).toMatchObject({ code: 'payload.invalid', field: 'epoch' });

    expect(socket.connected).toBe(true);
    expect(await emitRaw(socket, 'map:subscribe', {})).toEqual({ ok: true });
    socket.close();
  });

  it('refuses a flood beyond the per-socket rate, then disconnects a socket that keeps on', async () => {
    const socket = await open(gatewayClient(m, { token }));
    const acks = await Promise.all(
      Array.from({ length: 40 }, () => emitRaw(socket, 'map:subscribe', {})),
    );
    const ok = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate.limited').length;
    expect(ok).toBeGreaterThanOrEqual(REALTIME_LIMITS.clientEventBurst);
    expect(ok).toBeLessThan(40);
    expect(ok + limited).toBe(40);

    const errors = record(socket, 'client:error');
    for (let i = 0; i < 200 && socket.connected; i++)
      (socket as unknown as Socket).emit('map:subscribe', {});
    await waitFor('the abusive socket to be cut off', () => !socket.connected);
    expect(errors.some((e) => e.code === 'rate.abuse')).toBe(true);
    const refused = await m.metrics.realtimeRefused.get();
    const reasons = new Set(refused.values.map((v) => v.labels.reason));
    expect(reasons).toContain('rate.limited');
    expect(reasons).toContain('rate.abuse');
  });

  it('closes a connection that sends a frame over the size limit, and serves the next', async () => {
    const socket = await open(gatewayClient(m, { token }));
    const reasons: string[] = [];
    socket.on('disconnect', (r) => reasons.push(r));
    (socket as unknown as Socket).emit('map:subscribe', {
      incidentId: 'x'.repeat(REALTIME_LIMITS.maxClientFrameBytes + 1),
    });
    await waitFor('the oversized client to be dropped', () => !socket.connected);
    expect(reasons[0]).toBe('transport close');
    const next = await open(gatewayClient(m, { token }));
    expect(await emitRaw(next, 'map:subscribe', {})).toEqual({ ok: true });
    next.close();
  });
});
