import type { JsMsg } from '@nats-io/jetstream';
import { eventSchemas, subjectFor, typeOfSubject, type EventType } from '@muster/contracts';
import { feedReason, parseEvent } from '../bus/parse-event.ts';
import type { BusConnection } from '../bus/connection.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { EventOf, MapLayerChange, MapLayerSource } from './layer-source.ts';
import type { LayerStore } from './layer-store.ts';
import { createOrderedFeed } from './ordered-feed.ts';

export interface LayerFeed {
  /** Starts reading, then loads every layer's snapshot; resolves when the layers are filled. */
  start(): Promise<void>;
  /** Reloads every layer from its source (after a gap), changes only what differs. */
  resnapshot(): Promise<void>;
  stop(): Promise<void>;
}

type AnyChange = MapLayerChange<Record<string, unknown>>;

/** After a source failed on an event, its layer is reloaded this much later (self-healing). */
const RELOAD_AFTER_FAILURE_MS = 5_000;

/**
 * Reads the events the layer sources listen to from the events stream with an ordered consumer
 * of this instance's own (like the position feed: every instance sees every event), in stream
 * order, one event at a time, and applies the changes each source states to the layer store.
 *
 * Start-up without a gap: the consumer starts first (new events only) and holds what arrives;
 * then every source's snapshot is loaded; then the held events are applied. An event committed
 * before the consumer started is in the snapshot (its source's tables were committed with it);
 * one after, in the feed. One consumer on the namespace's wildcard when sources listen to several
 * types (nats-server 2.9 has no multiple filter subjects); other types are skipped by subject.
 */
export function createLayerFeed(o: {
  sources: readonly MapLayerSource[];
  store: LayerStore;
  db: Db;
  bus: BusConnection;
  stream: string;
  namespace: string;
  logger: Logger;
  metrics: Metrics;
  onChanged(): void;
}): LayerFeed {
  const byType = new Map<string, MapLayerSource[]>();
  for (const s of o.sources)
    for (const t of s.eventTypes) byType.set(t, [...(byType.get(t) ?? []), s]);
  const types = [...byType.keys()];
  const store = o.store;
  let chain: Promise<void> = Promise.resolve();
  let gate: (() => void) | undefined;
  const opened = new Promise<void>((r) => (gate = r));
  const reloads = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  const valid = (source: MapLayerSource, changes: AnyChange[]): AnyChange[] =>
    changes.filter((c) => {
      if (c.op === 'remove' || source.schema.safeParse(c.item.data).success) return true;
      o.metrics.realtimeDropped.inc({ reason: 'invalid_layer_item' });
      o.logger.warn({ layer: source.layer, id: c.item.id }, 'map layer item fails its schema');
      return false;
    });

  const load = async (source: MapLayerSource): Promise<boolean> => {
    const items = await source.snapshot(o.db);
    const changes = valid(
      source,
      items.map((item) => ({ op: 'upsert', item })),
    );
    return store.replace(
      source.layer,
      changes.flatMap((c) => (c.op === 'upsert' ? [c.item] : [])),
    );
  };

  const reloadLater = (source: MapLayerSource) => {
    if (stopped || reloads.has(source.layer)) return;
    const timer = setTimeout(() => {
      reloads.delete(source.layer);
      enqueue(async () => {
        try {
          if (await load(source)) o.onChanged();
        } catch (err) {
          o.logger.error({ err, layer: source.layer }, 'map layer reload failed; will retry');
          reloadLater(source);
        }
      });
    }, RELOAD_AFTER_FAILURE_MS);
    timer.unref();
    reloads.set(source.layer, timer);
  };

  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((err: unknown) => {
      o.logger.error({ err }, 'map layer work failed');
    });
  };

  const handle = async (m: JsMsg, type: string): Promise<void> => {
    const sources = byType.get(type) ?? [];
    const p = parseEvent(m, type, eventSchemas);
    if (!('event' in p)) {
      o.metrics.realtimeDropped.inc({ reason: feedReason(p.reason, 'invalid_layer_event') });
      return;
    }
    let changed = false;
    for (const source of sources) {
      try {
        const changes = await source.changes(p.event as EventOf<EventType>, o.db);
        changed = store.apply(source.layer, valid(source, changes)) || changed;
      } catch (err) {
        o.metrics.realtimeDropped.inc({ reason: 'layer_source_failed' });
        o.logger.error({ err, layer: source.layer, type }, 'map layer source failed on an event');
        reloadLater(source);
      }
    }
    if (changed) o.onChanged();
  };

  const feed = createOrderedFeed({
    bus: o.bus,
    stream: o.stream,
    subject:
      types.length === 1 && types[0] ? subjectFor(o.namespace, types[0]) : `${o.namespace}.>`,
    lookbackS: 0,
    name: 'layers',
    logger: o.logger,
    onMessage: (m) => {
      const type = typeOfSubject(o.namespace, m.subject);
      if (type && byType.has(type)) enqueue(() => opened.then(() => handle(m, type)));
    },
    onRestart: () => void resnapshot(),
  });

  const resnapshot = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      enqueue(async () => {
        try {
          let changed = false;
          for (const s of o.sources) changed = (await load(s)) || changed;
          if (changed) o.onChanged();
        } finally {
          resolve();
        }
      });
    });
  };

  return {
    async start() {
      if (o.sources.length === 0) return;
      await feed.start();
      // Loaded before the held events (the gate holds them), so they apply on top of it.
      for (const s of o.sources)
        await load(s).catch((err: unknown) => {
          o.logger.error({ err, layer: s.layer }, 'map layer snapshot failed; will retry');
          reloadLater(s);
        });
      gate?.();
      o.onChanged();
    },
    resnapshot,
    async stop() {
      stopped = true;
      for (const t of reloads.values()) clearTimeout(t);
      await feed.stop();
      await chain;
    },
  };
}
