import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  TMapLayerItems,
  TMapPosition,
  TSyncSnapshot,
} from '@muster/contracts';

type MapSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a map holds: the latest position per team and precision, as the browser keeps it. */
export type MapState = Map<string, TMapPosition>;
/** The items of every layer a map holds: `layer|id → data` (JSON). */
export type LayerState = Map<string, string>;

/** Applies layer items (upserts and removes) to what a map holds. */
function applyItems(into: LayerState, groups: readonly TMapLayerItems[] | undefined): void {
  for (const g of groups ?? [])
    for (const item of g.items) {
      const k = `${g.layer}|${item.id}`;
      if (item.op === 'remove') into.delete(k);
      else into.set(k, JSON.stringify({ data: item.data, exercise: item.exercise ?? false }));
    }
}

/** A layer state as a sorted record, for comparing two maps. */
export function describeLayers(s: LayerState): Record<string, string> {
  return Object.fromEntries([...s.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

const keyOf = (p: TMapPosition) => `${p.teamId}|${p.precision}`;

/**
 * What the map shows, per team: `teamId → precision,lon,lat,reportedAt`, the exact position when
 * it has one, else the coarse one. The server leaves out a team's coarse copy in a tick that
 * carries it exact to the same socket, so a held coarse copy may be older: it is not shown.
 */
export function describeState(s: MapState): Record<string, string> {
  const shown = new Map<string, TMapPosition>();
  for (const p of s.values()) {
    const had = shown.get(p.teamId);
    if (!had || p.precision === 'exact') shown.set(p.teamId, p);
  }
  return Object.fromEntries(
    [...shown.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, p]) => [k, `${p.precision},${p.lon},${p.lat},${p.reportedAt}`]),
  );
}

/**
 * A live map client as the browser runs it: on a dropped connection it reconnects to the next
 * gateway of the list (a load balancer's job in production) and resumes from the last `seq` it
 * saw (`sync:resume`), getting a replay or a snapshot; a fresh client asks for a snapshot.
 */
export class MapClient {
  readonly state: MapState = new Map();
  readonly layers: LayerState = new Map();
  reconnects = 0;
  /** Reconnections that landed on another instance (a snapshot followed). */
  resyncs = 0;
  private socket: MapSocket | undefined;
  private epoch: string | undefined;
  private lastSeq = 0;
  private next = 0;
  private closed = false;
  connectedTo: string | undefined;

  constructor(
    private readonly urls: () => string[],
    private readonly token: string,
    start = 0,
  ) {
    this.next = start;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  open(): void {
    if (this.closed) return;
    const list = this.urls();
    const url = list[this.next++ % list.length]!;
    const s: MapSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: this.token },
      timeout: 5_000,
    });
    this.socket = s;
    const retry = () => {
      s.removeAllListeners();
      s.close();
      if (this.socket !== s || this.closed) return;
      this.connectedTo = undefined;
      this.reconnects++;
      setTimeout(() => this.open(), 250);
    };
    s.on('connect_error', retry);
    s.on('disconnect', retry);
    s.on('server:hello', (hello) => {
      this.connectedTo = url;
      if (this.epoch) s.emit('sync:resume', { epoch: this.epoch, lastSeq: this.lastSeq });
      else s.emit('map:subscribe', {});
      // Another instance (another epoch) answers the resume with a snapshot of its own.
      if (this.epoch && hello.epoch !== this.epoch) this.resyncs++;
    });
    s.on('sync:snapshot', (snap: TSyncSnapshot) => {
      this.epoch = snap.epoch;
      this.lastSeq = snap.seq;
      this.state.clear();
      for (const p of snap.positions) this.state.set(keyOf(p), p);
      this.layers.clear();
      applyItems(this.layers, snap.layers);
    });
    s.on('sync:replay', (r) => {
      this.lastSeq = Math.max(this.lastSeq, r.toSeq);
      for (const p of r.positions) this.put(p);
      applyItems(this.layers, r.layers);
    });
    s.on('map:positions', (batch) => {
      this.lastSeq = Math.max(this.lastSeq, batch.seq);
      for (const p of batch.positions) this.put(p);
    });
    s.on('map:update', (u) => {
      this.lastSeq = Math.max(this.lastSeq, u.seq);
      applyItems(this.layers, [u]);
    });
  }

  private put(p: TMapPosition): void {
    const k = keyOf(p);
    const had = this.state.get(k);
    if (!had || Date.parse(had.reportedAt) <= Date.parse(p.reportedAt)) this.state.set(k, p);
  }

  close(): void {
    this.closed = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** The server's state for an account: a fresh client's snapshot. */
export async function snapshotOf(
  url: string,
  token: string,
): Promise<{ positions: MapState; layers: LayerState }> {
  const s: MapSocket = io(url, { transports: ['websocket'], reconnection: false, auth: { token } });
  try {
    const snap = await new Promise<TSyncSnapshot>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no snapshot from ${url}`)), 10_000);
      s.once('connect_error', (e) => {
        clearTimeout(t);
        reject(e);
      });
      s.once('sync:snapshot', (snap) => {
        clearTimeout(t);
        resolve(snap);
      });
      s.once('server:hello', () => s.emit('map:subscribe', {}));
    });
    const layers: LayerState = new Map();
    applyItems(layers, snap.layers);
    return { positions: new Map(snap.positions.map((p) => [keyOf(p), p])), layers };
  } finally {
    s.close();
  }
}
