import type { ClientToServerEvents, ServerToClientEvents } from '@muster/contracts';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { connectionStatus } from './connection.ts';
import type { ConnectionStatus, SocketFacts } from './connection.ts';

export type MusterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Hello = Parameters<ServerToClientEvents['server:hello']>[0];

interface RealtimeValue {
  status: ConnectionStatus;
  browserOnline: boolean;
  /** The instance that greeted this socket, once connected. */
  hello: Hello | null;
}

const RealtimeContext = createContext<RealtimeValue | null>(null);

function openSocket(): MusterSocket {
  return io({
    path: '/socket.io',
    // WebSocket first; fall back to long-polling where a proxy blocks the upgrade.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelayMax: 10_000,
  });
}

/** 1–4 s, random: long enough for a load balancer to move on, short enough to stay live. */
function rejoinDelayMs(): number {
  return 1000 + Math.random() * 3000;
}

/** Owns the one Socket.IO connection of the page and publishes its state. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [facts, setFacts] = useState<SocketFacts>(() => ({
    phase: 'connecting',
    retrying: true,
    attempt: 0,
    browserOnline: navigator.onLine,
  }));
  const [hello, setHello] = useState<Hello | null>(null);

  useEffect(() => {
    const socket = openSocket();
    let rejoin: number | undefined;
    const update = (patch: Partial<SocketFacts>) => setFacts((f) => ({ ...f, ...patch }));
    const down = (retrying: boolean) => {
      update({ phase: 'down', retrying });
      setHello(null);
    };

    socket.on('connect', () => update({ phase: 'up', retrying: true, attempt: 0 }));
    socket.on('disconnect', (reason) => {
      if (reason !== 'io server disconnect') return down(socket.active);
      // Socket.IO does not retry after the server closed the socket, but a backend instance does
      // that when it shuts down (rolling restart). Come back after a spread-out pause so that the
      // clients of that instance do not all reconnect in the same instant.
      down(true);
      rejoin = window.setTimeout(() => socket.connect(), rejoinDelayMs());
    });
    // `socket.active` is false when Socket.IO will not retry, e.g. a middleware refused us.
    socket.on('connect_error', () => down(socket.active));
    socket.on('server:hello', setHello);
    socket.io.on('reconnect_attempt', (attempt) => update({ attempt }));
    socket.io.on('reconnect_failed', () => update({ phase: 'down', retrying: false }));

    const online = () => {
      update({ browserOnline: true });
      if (!socket.connected) socket.connect();
    };
    const offline = () => update({ browserOnline: false });
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);

    return () => {
      window.clearTimeout(rejoin);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  const value: RealtimeValue = {
    status: connectionStatus(facts),
    browserOnline: facts.browserOnline,
    hello,
  };
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** The live connection's state, for the header indicator and pages that show live data. */
export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return value;
}
