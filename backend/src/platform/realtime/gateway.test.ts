import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  ZServerHello,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@muster/contracts';
import { startMuster, type Muster } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { waitFor } from '../../testing/processes.ts';

describe('realtime gateway', () => {
  let env: TestEnv;
  let m: Muster;

  beforeAll(async () => {
    env = await createTestEnv();
    m = await startMuster(env.config({ MUSTER_ROLES: 'realtime', INSTANCE_ID: 'rt-1' }));
  });

  afterAll(async () => {
    await m?.stop();
    await env?.cleanup();
  });

  it('greets a websocket client with the serving instance and counts it in the metrics', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(
      `http://127.0.0.1:${m.port}`,
      {
        transports: ['websocket'],
        reconnection: false,
      },
    );
    try {
      const hello = await new Promise<unknown>((resolve) => socket.once('server:hello', resolve));
      expect(ZServerHello.parse(hello).instanceId).toBe('rt-1');
      await waitFor(
        'the sockets gauge',
        async () => (await m.metrics.sockets.get()).values[0]?.value === 1,
      );
    } finally {
      socket.close();
    }
    await waitFor(
      'the socket to be gone',
      async () => (await m.metrics.sockets.get()).values[0]?.value === 0,
    );
  });
});
