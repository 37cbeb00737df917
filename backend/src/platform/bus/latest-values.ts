import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * The latest value per key in a JetStream KV bucket (history 1), e.g. the last known position of
 * each team in `<ns>_last_positions`. Writes are ordered by a number the caller gives (a report
 * time): a value older than the one this process last took for the key is not written, so a
 * late write cannot replace a newer one. (Across processes the last write wins; the bucket is a
 * cache beside the system of record.) With `coalesceMs`, the values taken within that time are
 * written together, only the latest per key: a key that changes twice a second costs one write.
 */
export interface LatestValues<T> {
  /** Takes the value unless this process already took one at least as new; true when taken. */
  put(key: string, value: T, order: number): Promise<boolean>;
  get(key: string): Promise<T | undefined>;
  /** Removes the key and its history (and a value taken and not yet written). */
  purge(key: string): Promise<void>;
  /** Writes what is waiting now. */
  flush(): Promise<void>;
  /** Stops the coalescing timer after a last flush. */
  close(): Promise<void>;
}

/** Keys whose last order this process remembers; beyond it the oldest are forgotten. */
const REMEMBERED = 100_000;

export function openLatestValues<T>(
  nc: NatsConnection,
  bucket: string,
  o: { coalesceMs?: number; onError?: (err: unknown) => void } = {},
): LatestValues<T> {
  let kv: Promise<KV> | undefined;
  const bucketOf = () =>
    (kv ??= new Kvm(nc).open(bucket).catch((err: unknown) => {
      kv = undefined;
      throw err;
    }));
  const taken = new Map<string, number>();
  let waiting = new Map<string, T>();
  let timer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    timer = undefined;
    const batch = waiting;
    waiting = new Map();
    if (batch.size === 0) return;
    const b = await bucketOf();
    await Promise.all([...batch].map(([key, value]) => b.put(key, JSON.stringify(value))));
  }

  return {
    async put(key, value, order) {
      const last = taken.get(key);
      if (last !== undefined && last >= order) return false;
      taken.delete(key);
      taken.set(key, order);
      if (taken.size > REMEMBERED) {
        const oldest = taken.keys().next().value;
        if (oldest !== undefined) taken.delete(oldest);
      }
      if (!o.coalesceMs) {
        await (await bucketOf()).put(key, JSON.stringify(value));
        return true;
      }
      waiting.set(key, value);
      timer ??= setTimeout(
        () => void flush().catch((err: unknown) => o.onError?.(err)),
        o.coalesceMs,
      );
      timer.unref();
      return true;
    },
    async get(key) {
      const e = await (await bucketOf()).get(key);
      if (!e || e.operation !== 'PUT' || e.length === 0) return undefined;
      return e.json<T>();
    },
    async purge(key) {
      taken.delete(key);
      waiting.delete(key);
      await (await bucketOf()).purge(key);
    },
    flush,
    async close() {
      clearTimeout(timer);
      await flush();
    },
  };
}
