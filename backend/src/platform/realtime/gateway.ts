import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@muster/contracts';
import type { Clock } from '../clock.ts';
import type { Metrics } from '../metrics.ts';

export interface RealtimeGateway {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

/**
 * The Socket.IO gateway (realtime role). WebSocket first; a client is greeted with the instance
 * that serves it. Map projections plug in as modules land (issue: access and realtime gateway).
 */
export function createRealtimeGateway(
  server: HttpServer,
  o: { instanceId: string; clock: Clock; metrics: Metrics },
): RealtimeGateway {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });
  io.on('connection', (socket) => {
    o.metrics.sockets.inc();
    socket.emit('server:hello', {
      instanceId: o.instanceId,
      serverTime: o.clock.now().toISOString(),
    });
    socket.on('disconnect', () => o.metrics.sockets.dec());
  });
  return {
    io,
    close: () =>
      new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        // io.close() would also close the shared HTTP server; the app closes that itself.
        io.engine.close();
        resolve();
      }),
  };
}
