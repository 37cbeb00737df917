import { createHash } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Sql } from './client.ts';
import { createHeardChannel } from './heard-channel.ts';

/**
 * Channel of the tags whose kept reads are stale. Triggers on the tables behind a kept read
 * NOTIFY its tag (see the `*_read_notices` migrations), so no writer can forget to.
 */
export const READS_CHANGED_CHANNEL = 'muster_reads_changed';

/**
 * Hot reads kept per process as the text sent, each under tags; a notice naming a tag drops every
 * read under it. A read is answered from here only while the channel is provably heard
 * (heard-channel.ts); a read loaded while a notice arrived is not kept.
 */
export interface ReadCache {
  read(
    key: string,
    tags: readonly string[],
    load: () => Promise<{ text: string; keep: boolean }>,
  ): Promise<KeptRead>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Bytes and entries kept (tests, metrics). */
  state(): { bytes: number; entries: number };
}

/** A read as sent: UTF-8 encoded once, not per request (and half the memory of Chinese text). */
export interface KeptRead {
  body: Buffer;
  /** Its ETag, hashed once (Express would hash the body on every send). */
  etag: string;
}

interface Entry extends KeptRead {
  tags: readonly string[];
  bytes: number;
}

function keptRead(text: string): KeptRead {
  const body = Buffer.from(text);
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}

export function createReadCache(o: {
  sql: Sql;
  logger: Logger;
  maxBytes: number;
  staleMs: number;
}): ReadCache {
  const entries = new Map<string, Entry>();
  const byTag = new Map<string, Set<string>>();
  let bytes = 0;
  let epoch = 0;

  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.bytes;
    for (const t of e.tags) {
      const keys = byTag.get(t);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(t);
    }
  };
  const clear = () => {
    entries.clear();
    byTag.clear();
    bytes = 0;
    epoch++;
  };
  const heard = createHeardChannel({
    sql: o.sql,
    logger: o.logger,
    channel: READS_CHANGED_CHANNEL,
    staleMs: o.staleMs,
    onNotice(tag) {
      epoch++;
      for (const key of [...(byTag.get(tag) ?? [])]) remove(key);
    },
    onReset: clear,
  });

  return {
    async read(key, tags, load) {
      if (heard.live()) {
        const e = entries.get(key);
        if (e) {
          // Least recently used goes first: move it to the end.
          entries.delete(key);
          entries.set(key, e);
          return e;
        }
      } else if (entries.size > 0) clear();
      const at = epoch;
      const r = await load();
      const read = keptRead(r.text);
      const size = read.body.length;
      if (!r.keep || at !== epoch || size > o.maxBytes || !heard.live()) return read;
      remove(key);
      while (bytes + size > o.maxBytes) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        remove(oldest.value);
      }
      entries.set(key, { ...read, tags, bytes: size });
      bytes += size;
      for (const t of tags) {
        const keys = byTag.get(t) ?? new Set<string>();
        keys.add(key);
        byTag.set(t, keys);
      }
      return read;
    },
    start: () => heard.start(),
    stop: () => heard.stop(),
    state: () => ({ bytes, entries: entries.size }),
  };
}

/** Reads nothing is kept of (a process without the cache). */
export const NO_READ_CACHE: ReadCache = {
  read: async (_key, _tags, load) => keptRead((await load()).text),
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  state: () => ({ bytes: 0, entries: 0 }),
};
