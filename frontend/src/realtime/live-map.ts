import type {
  TMapPosition,
  TMapPositions,
  TMapUpdate,
  TSyncReplay,
  TSyncResume,
  TSyncSnapshot,
} from '@muster/contracts';

/** The last point of the server's message sequence that the map holds everything up to. */
export interface Cursor {
  epoch: string;
  seq: number;
}

/** What the map and the header read. Replaced (never changed) on every update. */
export interface LiveMapView {
  /** The latest position per team and precision (`teamId|exact`, `teamId|coarse`). */
  positions: ReadonlyMap<string, TMapPosition>;
  cursor: Cursor | null;
  /** A catch-up (first snapshot or a resume) is asked for and not yet answered. */
  syncing: boolean;
  /** Server payloads that failed their contract schema and were ignored. */
  rejected: number;
}

/** What to send after a (re)connection. */
export type CatchUp = { event: 'map:subscribe' } | { event: 'sync:resume'; req: TSyncResume };

export interface LiveMap {
  view: () => LiveMapView;
  subscribe: (listener: () => void) => () => void;
  /** A fresh (not recovered) connection is up: what to ask the server for. */
  connected: () => CatchUp;
  /** Socket.IO recovered the connection: the server delivered what was missed. */
  recovered: () => void;
  /** The epoch of the instance serving this connection (`server:hello`). */
  hello: (epoch: string) => void;
  positions: (batch: TMapPositions) => void;
  update: (update: TMapUpdate) => void;
  snapshot: (snapshot: TSyncSnapshot) => void;
  replay: (replay: TSyncReplay) => void;
  rejected: () => void;
}

const keyOf = (p: TMapPosition) => `${p.teamId}|${p.precision}`;

/**
 * The live map's state and its place in the server's sequence. The cursor is set by a snapshot or
 * a replay (each names its epoch) and moved on by later pushes of the same connection's epoch
 * (from `server:hello`). While a catch-up is outstanding pushes are shown but do not move it: a
 * resume must ask from the last point the map is complete up to, not from a push that arrived
 * ahead of the catch-up.
 */
export function createLiveMap(): LiveMap {
  let positions = new Map<string, TMapPosition>();
  let cursor: Cursor | null = null;
  let connectionEpoch: string | null = null;
  let syncing = false;
  let rejected = 0;
  let view: LiveMapView = { positions, cursor, syncing, rejected };
  const listeners = new Set<() => void>();

  const publish = () => {
    view = { positions, cursor, syncing, rejected };
    for (const l of listeners) l();
  };
  const upsert = (items: readonly TMapPosition[]) => {
    if (items.length === 0) return;
    positions = new Map(positions);
    for (const p of items) positions.set(keyOf(p), p);
  };
  const advance = (seq: number) => {
    if (!syncing && cursor && cursor.epoch === connectionEpoch && seq > cursor.seq)
      cursor = { epoch: cursor.epoch, seq };
  };

  return {
    view: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected() {
      connectionEpoch = null;
      syncing = true;
      publish();
      return cursor
        ? { event: 'sync:resume', req: { epoch: cursor.epoch, lastSeq: cursor.seq } }
        : { event: 'map:subscribe' };
    },
    recovered() {
      syncing = false;
      publish();
    },
    hello(epoch) {
      connectionEpoch = epoch;
    },
    positions(batch) {
      upsert(batch.positions);
      advance(batch.seq);
      publish();
    },
    update(update) {
      // No layer besides positions is drawn yet; the message still counts in the sequence.
      advance(update.seq);
      publish();
    },
    snapshot(s) {
      positions = new Map(s.positions.map((p) => [keyOf(p), p]));
      cursor = { epoch: s.epoch, seq: s.seq };
      syncing = false;
      publish();
    },
    replay(r) {
      upsert(r.positions);
      cursor = { epoch: r.epoch, seq: r.toSeq };
      syncing = false;
      publish();
    },
    rejected() {
      rejected += 1;
      publish();
    },
  };
}
