import {
  ZAck,
  ZClientError,
  ZConnectErrorData,
  ZMapPositions,
  ZMapUpdate,
  ZServerHello,
  ZSessionEnded,
  ZSyncReplay,
  ZSyncSnapshot,
} from '@muster/contracts';
import type { ClientToServerEvents, ServerToClientEvents } from '@muster/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ReactNode } from 'react';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { z } from 'zod';
import { useAuth } from '../auth/session-context.tsx';
import { connectionStatus } from './connection.ts';
import type { ConnectionStatus, SocketFacts } from './connection.ts';
import { createLiveMap } from './live-map.ts';
import type { CatchUp, LiveMap, LiveMapView } from './live-map.ts';

export type MusterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Hello = z.output<typeof ZServerHello>;
export type ConnectRefusal = z.output<typeof ZConnectErrorData>;

interface RealtimeValue {
  status: ConnectionStatus;
  browserOnline: boolean;
  /** The instance that greeted this socket, once connected. */
  hello: Hello | null;
  /** Why the server refused the connection last, when it said so. */
  refusal: ConnectRefusal | null;
  /** Server payloads that failed their contract schema and were ignored. */
  rejected: number;
  /** Points the map at an incident (or none): the server resends what the map may see for it. */
  focus: (incidentId: string | null) => void;
}

const RealtimeContext = createContext<RealtimeValue | null>(null);
const LiveMapContext = createContext<LiveMap | null>(null);

/** How long a catch-up may go unanswered before it is asked again as a plain snapshot. */
const CATCH_UP_TIMEOUT_MS = 10_000;
/** A refusal that a retry may cure (server busy, a session that still looks valid). */
const REFUSED_RETRY_MS = 10_000;

function openSocket(): MusterSocket {
  return io({
    path: '/socket.io',
    // WebSocket first; fall back to long-polling where a proxy blocks the upgrade.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // The session cookie authenticates the socket; a token never goes in the URL.
    withCredentials: true,
    // A socket of its own per sign-in: nothing of an earlier session's connection is reused.
    forceNew: true,
    reconnectionDelayMax: 10_000,
  });
}

/** 1–4 s, random: long enough for a load balancer to move on, short enough to stay live. */
function rejoinDelayMs(): number {
  return 1000 + Math.random() * 3000;
}

/** Parses a server payload with its contract schema; one that fails is counted and ignored. */
function parsedWith<S extends z.ZodType>(
  live: LiveMap,
  schema: S,
  handle: (value: z.output<S>) => void,
): (payload: unknown) => void {
  return (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) handle(parsed.data);
    else live.rejected();
  };
}

/**
 * Owns the page's one Socket.IO connection, opened only once signed in (the session cookie
 * authenticates it), and publishes its state. After a connection it asks for the map: a snapshot
 * the first time, then `sync:resume` from the last point the map holds.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { lost, check } = useAuth();
  const [live] = useState(createLiveMap);
  const liveView = useSyncExternalStore(live.subscribe, live.itemsView);
  const [facts, setFacts] = useState<Omit<SocketFacts, 'syncing'>>(() => ({
    phase: 'connecting',
    retrying: true,
    attempt: 0,
    browserOnline: navigator.onLine,
  }));
  const [hello, setHello] = useState<Hello | null>(null);
  const [refusal, setRefusal] = useState<ConnectRefusal | null>(null);
  const socketRef = useRef<MusterSocket | null>(null);

  useEffect(() => {
    const socket = openSocket();
    socketRef.current = socket;
    let sessionOver = false;
    let retryTimer: number | undefined;
    let catchUpTimer: number | undefined;
    const update = (patch: Partial<SocketFacts>) => setFacts((f) => ({ ...f, ...patch }));
    const down = (retrying: boolean) => {
      update({ phase: 'down', retrying });
      setHello(null);
    };
    const connectLater = (ms: number) => {
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(() => socket.connect(), ms);
    };

    const ask = (c: CatchUp) => {
      const timed = socket.timeout(CATCH_UP_TIMEOUT_MS);
      const sent =
        c.event === 'sync:resume'
          ? timed.emitWithAck('sync:resume', c.req)
          : timed.emitWithAck('map:subscribe', { incidentId: c.incidentId });
      const again = () => {
        // The answer (snapshot or replay) comes before the acknowledgement; still syncing means
        // it was refused, lost or unreadable. A snapshot is always a correct answer.
        if (!socket.connected || !live.view().syncing) return;
        window.clearTimeout(catchUpTimer);
        catchUpTimer = window.setTimeout(() => {
          if (socket.connected && live.view().syncing)
            ask({ event: 'map:subscribe', incidentId: live.focused() });
        }, rejoinDelayMs());
      };
      sent.then((res: unknown) => {
        if (!ZAck.safeParse(res).success) live.rejected();
        again();
      }, again);
    };

    socket.on('connect', () => {
      setRefusal(null);
      update({ phase: 'up', retrying: true, attempt: 0 });
      // A recovered connection was sent what it missed by Socket.IO itself; others catch up.
      if (socket.recovered) live.recovered();
      else ask(live.connected());
    });
    socket.on('disconnect', (reason) => {
      if (sessionOver) return;
      if (reason !== 'io server disconnect') return down(socket.active);
      // Socket.IO does not retry after the server closed the socket, but a backend instance does
      // that when it shuts down (rolling restart). Come back after a spread-out pause so that the
      // clients of that instance do not all reconnect in the same instant.
      down(true);
      connectLater(rejoinDelayMs());
    });
    socket.on('connect_error', (err) => {
      const raw = (err as { data?: unknown }).data;
      if (raw === undefined) return down(socket.active);
      const data = ZConnectErrorData.safeParse(raw);
      if (!data.success) {
        live.rejected();
        return down(socket.active);
      }
      setRefusal(data.data);
      switch (data.data.code) {
        case 'auth.required':
        case 'auth.invalid':
          // Most likely the session ended; the session endpoint says for sure (a 401 there
          // returns to the sign-in page). If it is still valid, try the socket again later.
          down(false);
          void check().then((found) => {
            if (found !== 'signed-out') connectLater(REFUSED_RETRY_MS);
          });
          return;
        case 'server.unavailable':
          down(true);
          return connectLater(REFUSED_RETRY_MS);
        case 'origin.forbidden':
        case 'auth.token_in_url':
          // Configuration, not chance: retrying would be refused the same way.
          return down(false);
      }
    });
    socket.on(
      'server:hello',
      parsedWith(live, ZServerHello, (h) => {
        live.hello(h.epoch);
        setHello(h);
      }),
    );
    socket.on('map:positions', parsedWith(live, ZMapPositions, live.positions));
    socket.on('map:update', parsedWith(live, ZMapUpdate, live.update));
    const onSnapshot = parsedWith(live, ZSyncSnapshot, live.snapshot);
    socket.on('sync:snapshot', (payload) => {
      // Where "the data arrived" for the map's first-render figure (P6; Performance API).
      performance.clearMarks('muster:map-snapshot');
      performance.mark('muster:map-snapshot');
      onSnapshot(payload);
    });
    socket.on('sync:replay', parsedWith(live, ZSyncReplay, live.replay));
    // A refusal of something this page sent; the catch-up's own refusals come with its ack.
    socket.on(
      'client:error',
      parsedWith(live, ZClientError, () => undefined),
    );
    socket.on(
      'session:ended',
      parsedWith(live, ZSessionEnded, (e) => {
        sessionOver = true;
        lost(e.reason === 'expired' ? 'expired' : 'revoked');
      }),
    );
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
      window.clearTimeout(retryTimer);
      window.clearTimeout(catchUpTimer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [live, lost, check]);

  const focus = useCallback(
    (incidentId: string | null) => {
      if (live.focused() === incidentId) return;
      live.focus(incidentId);
      // The answer is a snapshot for the new purpose; when not connected, the next catch-up asks.
      socketRef.current?.emit('map:subscribe', { incidentId });
    },
    [live],
  );

  const value: RealtimeValue = {
    status: connectionStatus({ ...facts, syncing: liveView.syncing }),
    browserOnline: facts.browserOnline,
    hello,
    refusal,
    rejected: liveView.rejected,
    focus,
  };
  return (
    <LiveMapContext.Provider value={live}>
      <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>
    </LiveMapContext.Provider>
  );
}

/** The live connection's state, for the header indicator and pages that show live data. */
export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime must be used inside <RealtimeProvider>');
  return value;
}

/** What the live map holds now; re-renders at most once per frame when it changes. */
export function useLiveMap(): LiveMapView {
  const live = useLiveMapStore();
  return useSyncExternalStore(live.subscribe, live.view);
}

/** The live map's items, re-rendering only when items (not positions) change. */
export function useLiveMapItems(): LiveMapView {
  const live = useLiveMapStore();
  return useSyncExternalStore(live.subscribe, live.itemsView);
}

/** The live map store itself, for layers that draw imperatively on its changes. */
export function useLiveMapStore(): LiveMap {
  const live = useContext(LiveMapContext);
  if (!live) throw new Error('useLiveMapStore must be used inside <RealtimeProvider>');
  return live;
}
