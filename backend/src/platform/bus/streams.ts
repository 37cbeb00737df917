import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { subjectFor, type EventRegistry, type StreamKind } from '@muster/contracts';

export interface StreamSettings {
  namespace: string;
  dedupWindowS: number;
  eventsMaxAgeDays: number;
  positionsMaxAgeS: number;
  replicas: number;
}

export interface StreamNames {
  events: string;
  positions: string;
  deadLetters: string;
  lastPositionsBucket: string;
}

export function streamNames(namespace: string): StreamNames {
  const up = namespace.toUpperCase();
  return {
    events: `${up}_EVENTS`,
    positions: `${up}_POSITIONS`,
    deadLetters: `${up}_DLQ`,
    lastPositionsBucket: `${namespace}_last_positions`,
  };
}

/** The subject a dead letter of the given durable consumer is published on. */
export function deadLetterSubject(namespace: string, durable: string): string {
  return `${namespace}.dlq.${durable}`;
}

function subjectsOf(registry: EventRegistry, namespace: string, kind: StreamKind): string[] {
  return Object.entries(registry)
    .filter(([, d]) => d.stream === kind)
    .map(([type]) => subjectFor(namespace, type));
}

/** Creates a stream, or brings an existing one to this config; safe from several instances. */
export async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.status !== 404) throw err;
    try {
      await jsm.streams.add(config);
    } catch (addErr) {
      // Another instance created it between our look and our add: bring it to our config.
      if (addErr instanceof JetStreamApiError && addErr.status === 400) {
        await jsm.streams.update(config.name, config);
      } else throw addErr;
    }
  }
}

/**
 * Creates or updates the streams and the KV bucket; safe to run from every instance at start.
 * Domain events: file storage with a de-duplication window. Positions: short retention, only
 * the latest matters. Dead letters: kept for a month for inspection and replay.
 */
export async function provisionStreams(
  nc: NatsConnection,
  jsm: JetStreamManager,
  registry: EventRegistry,
  s: StreamSettings,
): Promise<StreamNames> {
  const names = streamNames(s.namespace);
  const day = 86_400;
  await ensureStream(jsm, {
    name: names.events,
    subjects: subjectsOf(registry, s.namespace, 'events'),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(s.eventsMaxAgeDays * day * 1000),
    duplicate_window: nanos(s.dedupWindowS * 1000),
    num_replicas: s.replicas,
    discard: DiscardPolicy.Old,
  });
  const positionSubjects = subjectsOf(registry, s.namespace, 'positions');
  await ensureStream(jsm, {
    name: names.positions,
    // A placeholder subject keeps the stream valid before any position event type exists.
    subjects: positionSubjects.length > 0 ? positionSubjects : [`${s.namespace}.positions.none`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(s.positionsMaxAgeS * 1000),
    duplicate_window: nanos(Math.min(s.dedupWindowS, s.positionsMaxAgeS) * 1000),
    num_replicas: s.replicas,
    discard: DiscardPolicy.Old,
  });
  await ensureStream(jsm, {
    name: names.deadLetters,
    subjects: [`${s.namespace}.dlq.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(30 * day * 1000),
    num_replicas: s.replicas,
  });
  await new Kvm(nc).create(names.lastPositionsBucket, {
    history: 1,
    ttl: s.positionsMaxAgeS * 1000,
    replicas: s.replicas,
  });
  return names;
}
