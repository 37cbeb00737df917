import type { EngineState } from './rule-engine.ts';

/** Every rule's state at one point (rule id → state), as of the point's newest reading. */
export type PointStates = ReadonlyMap<string, EngineState>;

/**
 * Rule states kept in memory between batches, so the reading path does not read them back for
 * every batch. An entry holds every state row of the point (rules at rest included, which keep
 * no row) and is valid only while the point's newest reading is the one it was taken at: the
 * store locks the point row and compares, so a batch stored by another instance (which moves
 * the point's newest reading in the same transaction as the states) makes the entry stale and
 * the states are read again. Entries are replaced only after their transaction has committed.
 */
export interface RuleStateCache {
  /** The point's states if they are still those at `latest` (epoch ms, -Infinity for none). */
  get(pointId: string, latest: number): PointStates | undefined;
  /** Records committed states; `latest` is the point's newest reading after the commit. */
  set(pointId: string, latest: number, states: PointStates): void;
  clear(): void;
}

/** Points are a few thousand at most: the cache holds one small entry per point. */
export function createRuleStateCache(): RuleStateCache {
  const entries = new Map<string, { latest: number; states: PointStates }>();
  return {
    get(pointId, latest) {
      const e = entries.get(pointId);
      return e && e.latest === latest ? e.states : undefined;
    },
    set(pointId, latest, states) {
      entries.set(pointId, { latest, states });
    },
    clear() {
      entries.clear();
    },
  };
}
