import fc from 'fast-check';
import { z } from 'zod';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ZEventEnvelope,
  defineFeed,
  eventSchemas,
  feedSubject,
  subjectFor,
  type EventDefinition,
  type FeedContract,
} from '@muster/contracts';
import { validOrMutated } from './mutate.ts';
import { NASTY_STRINGS, hugeString } from './nasty.ts';
import { validOf } from './zod-json.ts';

/**
 * The bus subjects a durable consumer of this build reads, as
 * feeds: whoever can publish on NATS can put anything there, and the reader must refuse it
 * (dead letter or drop) without a write and without stopping.
 */
export async function busFeeds(
  jsm: JetStreamManager,
  namespace: string,
): Promise<Record<string, FeedContract>> {
  const read = new Set<string>();
  const prefix = `${namespace.toUpperCase()}_`;
  for await (const s of jsm.streams.list()) {
    if (!s.config.name.startsWith(prefix)) continue;
    for await (const c of jsm.consumers.list(s.config.name)) {
      // Durable consumers: the readers that write (the gateway's ordered feeds only push).
      if (!c.config.durable_name) continue;
      if (c.config.filter_subject) read.add(c.config.filter_subject);
      for (const f of c.config.filter_subjects ?? []) read.add(f);
    }
  }
  const feeds: Record<string, FeedContract> = {};
  for (const [type, def] of Object.entries(eventSchemas) as [string, EventDefinition][]) {
    if (!read.has(subjectFor(namespace, type))) continue;
    feeds[`bus:${type}`] = defineFeed({
      subject: type,
      key: 'token',
      transport: 'jetstream',
      payload: ZEventEnvelope.extend({
        type: z.literal(type),
        version: z.number().int().min(1).max(def.version),
        data: def.schema,
      }),
      summary: `events of ${type}, as its readers parse them`,
    });
  }
  return feeds;
}

/** One message to a feed: its subject key and body. */
export interface FeedMessage {
  key: string;
  body: { json: unknown } | { bytes: number[] } | { text: string };
}

const safeToken = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);

/**
 * What the harness knows of a feed beyond its schema: keys naming things the system has, and
 * messages plausible for them, so that fuzzing reaches the writes behind the schema and not only
 * the unknown-key and implausible-value drops.
 */
export interface FeedHints {
  keys: readonly string[];
  plausible?: fc.Arbitrary<FeedMessage>;
}

export function feedMessageArb(
  feed: FeedContract,
  hints: FeedHints = { keys: [] },
): fc.Arbitrary<FeedMessage> {
  const unguided = unguidedFeedMessage(feed, hints.keys);
  return hints.plausible
    ? fc.oneof({ weight: 2, arbitrary: unguided }, { weight: 1, arbitrary: hints.plausible })
    : unguided;
}

function unguidedFeedMessage(
  feed: FeedContract,
  knownKeys: readonly string[],
): fc.Arbitrary<FeedMessage> {
  const key =
    feed.key === 'uuid'
      ? fc.oneof(
          ...(knownKeys.length > 0
            ? [{ weight: 6, arbitrary: fc.constantFrom(...knownKeys) }]
            : []),
          { weight: 4, arbitrary: fc.uuid({ version: 7 }) },
          { weight: 1, arbitrary: safeToken },
        )
      : safeToken;
  const body = fc.oneof(
    { weight: 8, arbitrary: validOrMutated(validOf(feed.payload)).map((v) => ({ json: v.value })) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 })
        .map((bytes) => ({ bytes })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '',
          '{',
          'null',
          '[]',
          '\u0000',
          '\ufeff{}',
          `"${hugeString(200_000)}"`,
          ...NASTY_STRINGS.slice(0, 10),
        )
        .map((text) => ({ text })),
    },
  );
  return fc.record({ key: feed.subject.includes('*') ? key : fc.constant(''), body });
}

export function encodeBody(m: FeedMessage): Uint8Array {
  if ('bytes' in m.body) return Uint8Array.from(m.body.bytes);
  if ('text' in m.body) return new TextEncoder().encode(m.body.text);
  return new TextEncoder().encode(JSON.stringify(m.body.json) ?? '');
}

/** Whether the feed's own schema accepts the message: only then may it write. */
export function accepted(feed: FeedContract, m: FeedMessage): boolean {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(encodeBody(m)));
  } catch {
    return false;
  }
  return feed.payload.safeParse(raw).success;
}

/**
 * The largest body a publisher can send: the server's max_payload (1 MiB by default) less room
 * for headers. Anything larger never reaches Muster (the server closes the publisher's
 * connection), so it is not an input to fuzz.
 */
export const MAX_BODY_BYTES = 1_000_000;

export async function publish(
  nc: NatsConnection,
  js: JetStreamClient,
  namespace: string,
  feed: FeedContract,
  m: FeedMessage,
): Promise<boolean> {
  const subject = feedSubject(namespace, feed, m.key);
  if (encodeBody(m).length > MAX_BODY_BYTES) return false;
  if (feed.transport === 'jetstream') await js.publish(subject, encodeBody(m));
  else {
    nc.publish(subject, encodeBody(m));
    await nc.flush();
  }
  return true;
}

/**
 * Waits until the outbox holds nothing unsent and every consumer of the namespace's streams has
 * nothing pending or unacknowledged, twice in a row (so every effect, and every effect of an
 * effect, has committed before the next input is judged), and core feeds a moment to be handled.
 */
export async function settle(
  jsm: JetStreamManager,
  namespace: string,
  timeoutMs = 30_000,
  unsent: () => Promise<number> = () => Promise.resolve(0),
): Promise<void> {
  const prefix = `${namespace.toUpperCase()}_`;
  const until = Date.now() + timeoutMs;
  await new Promise((r) => setTimeout(r, 20));
  let idle = 0;
  for (;;) {
    // The outbox first: a row relayed after this look is pending on a stream in the next one.
    let busy = await unsent();
    for await (const s of jsm.streams.list()) {
      if (!s.config.name.startsWith(prefix)) continue;
      // Durable consumers only: an ordered (ephemeral) feed of a stopped gateway lingers a while
      // with its backlog, and it writes nothing.
      for await (const c of jsm.consumers.list(s.config.name))
        if (c.config.durable_name) busy += c.num_pending + c.num_ack_pending;
    }
    idle = busy === 0 ? idle + 1 : 0;
    if (idle === 2) return;
    if (Date.now() > until)
      throw new Error(`consumers still busy after ${timeoutMs} ms (${busy} messages)`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
