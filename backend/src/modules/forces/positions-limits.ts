/** Teams (or cache keys) remembered at most; beyond it the oldest entry is forgotten. */
const MAX_ENTRIES = 100_000;

function trim<K, V>(m: Map<K, V>): void {
  if (m.size <= MAX_ENTRIES) return;
  const oldest = m.keys().next().value;
  if (oldest !== undefined) m.delete(oldest);
}

export interface TeamBuckets {
  /** Takes one report for the team at `nowMs`: 0 when allowed, else milliseconds to wait. */
  take(teamId: string, nowMs: number): number;
}

/**
 * A token bucket per team (burst and refill `perSecond`): a team's devices together cannot
 * flood the instance, whatever each device's own interval. Per instance; the per-device limit
 * in the database holds across instances.
 */
export function createTeamBuckets(perSecond: number): TeamBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(teamId, nowMs) {
      const b = buckets.get(teamId) ?? { tokens: perSecond, at: nowMs };
      b.tokens = Math.min(perSecond, b.tokens + ((nowMs - b.at) / 1000) * perSecond);
      b.at = nowMs;
      buckets.delete(teamId);
      buckets.set(teamId, b);
      trim(buckets);
      if (b.tokens < 1) return Math.ceil(((1 - b.tokens) / perSecond) * 1000);
      b.tokens -= 1;
      return 0;
    },
  };
}

export interface TtlCache<V> {
  get(key: string, nowMs: number): V | undefined;
  set(key: string, value: V, nowMs: number): void;
}

/** Values that rarely change (an incident's drill flag, an account's member id), kept a while. */
export function createTtlCache<V>(ttlMs: number): TtlCache<V> {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    get(key, nowMs) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until > nowMs) return e.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, nowMs) {
      entries.delete(key);
      entries.set(key, { value, until: nowMs + ttlMs });
      trim(entries);
    },
  };
}
