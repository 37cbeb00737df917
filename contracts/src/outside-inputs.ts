import type { z } from 'zod';

/**
 * Inputs that reach Muster from outside but not through a route contract: NATS subjects that
 * devices and upstream systems publish to (sensor readings), and files imported through an
 * endpoint in a format of their own (CAP XML). HTTP routes are known from their contracts and
 * Socket.IO events from `clientEventSchemas`; these registries are the same for the rest, so
 * that the fuzzer (`npm run fuzz`, docs/fuzzing.md) reaches every outside input there is.
 *
 * A module that reads such an input defines it here once (and reads it with the same schema):
 *
 *   'monitoring.reading': defineFeed({ subject: 'monitoring.reading.*', key: 'uuid', … }),
 *   'monitoring.cap': defineImport({ operationId: 'importCapAlert', contentType: 'application/cap+xml', … }),
 */

/** A NATS subject fed from outside. */
export interface FeedContract<S extends z.ZodType = z.ZodType> {
  /** After the namespace, with one `*` token for the key: `monitoring.reading.*`. */
  subject: string;
  /** What the `*` token holds (e.g. a monitoring point's id). */
  key: 'uuid' | 'token';
  /** Core NATS publish, or a JetStream stream the subject belongs to. */
  transport: 'core' | 'jetstream';
  /** The message body, JSON parsed with this schema: anything else is refused without a write. */
  payload: S;
  summary: string;
}

/** A file imported through an HTTP endpoint in its own format. */
export interface ImportContract {
  /** The route contract (`operationId`) that receives the file as its body. */
  operationId: string;
  /** The content type the endpoint expects (e.g. `application/cap+xml`). */
  contentType: string;
  /** Valid example documents the fuzzer mutates (malformed, entities, huge, deep). */
  examples: readonly string[];
  summary: string;
}

export function defineFeed<S extends z.ZodType>(feed: FeedContract<S>): FeedContract<S> {
  return feed;
}

export function defineImport(imp: ImportContract): ImportContract {
  return imp;
}

/** The full subject of a feed for one key: `muster.monitoring.reading.<pointId>`. */
export function feedSubject(namespace: string, feed: FeedContract, key: string): string {
  return `${namespace}.${feed.subject.replace('*', key)}`;
}

/** Every NATS subject fed from outside, by name. Modules add one line each. */
export const outsideFeeds: Record<string, FeedContract> = {};

/** Every file importer, by name. Modules add one line each. */
export const fileImports: Record<string, ImportContract> = {};
