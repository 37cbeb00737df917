// Opening many Socket.IO websocket clients for a benchmark, a few at a time.
import { io, type Socket } from 'socket.io-client';

export interface Target {
  url: string;
  token?: string;
}

function connectOne(t: Target): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(t.url, {
      transports: ['websocket'],
      reconnection: false,
      // One connection per client: without it every socket to a host shares one.
      forceNew: true,
      ...(t.token ? { auth: { token: t.token } } : {}),
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * Connects to every target, `concurrency` at a time; `watch` is called on each socket as it
 * connects. Returns the sockets and the first few failures (with a count when there are more).
 */
export async function connectSockets(
  targets: readonly Target[],
  concurrency: number,
  watch: (s: Socket) => void,
): Promise<{ sockets: Socket[]; failures: string[] }> {
  const sockets: Socket[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const t = targets[next++]!;
      try {
        const s = await connectOne(t);
        watch(s);
        sockets.push(s);
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const shown = failures.slice(0, 5);
  if (failures.length > 5) shown.push(`… ${failures.length} in all`);
  return { sockets, failures: shown };
}
