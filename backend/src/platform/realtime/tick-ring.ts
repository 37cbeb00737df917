import type { LayerKey } from './layer-store.ts';
import type { LivePosition } from './positions.ts';

/** One tick's changes, as broadcast under its `seq` (unprojected; projected again on replay). */
export interface Tick {
  seq: number;
  positions: LivePosition[];
  /** Layer items that changed (their state now is what a replay sends). */
  layers?: LayerKey[];
}

export interface TickRing {
  push(tick: Tick): void;
  /**
   * The latest position per team among the ticks after `lastSeq`, or undefined when some of
   * those ticks are no longer held (the caller then sends a snapshot).
   */
  since(lastSeq: number, currentSeq: number): LivePosition[] | undefined;
  /** The layer items changed in the ticks after `lastSeq`, or undefined like `since`. */
  layersSince(lastSeq: number, currentSeq: number): LayerKey[] | undefined;
  /**
   * Forgets, and returns, the held positions carrying this incident (its response ended). The
   * ticks stay, emptier: a replay across them is refused by the caller's cut anyway.
   */
  removeIncident(incidentId: string): LivePosition[];
}

/**
 * The last ticks, bounded by count and by the positions they hold in all, so a burst of reports
 * cannot grow memory: what falls out is answered with a snapshot instead of a replay.
 */
export function createTickRing(maxTicks: number, maxPositions = maxTicks * 50): TickRing {
  // Every seq is pushed (an access change pushes an empty tick), so held seqs are contiguous.
  const ticks: (Tick | undefined)[] = [];
  let head = 0;
  let held = 0;
  const sizeOf = (t: Tick) => t.positions.length + (t.layers?.length ?? 0);
  const covers = (lastSeq: number) => {
    const oldest = ticks[head];
    return oldest !== undefined && oldest.seq <= lastSeq + 1;
  };
  const drop = () => {
    const t = ticks[head];
    if (!t) return;
    held -= sizeOf(t);
    ticks[head] = undefined;
    head++;
    // Compact now and then instead of shifting on every drop.
    if (head > 1024 && head * 2 > ticks.length) {
      ticks.splice(0, head);
      head = 0;
    }
  };
  return {
    push(tick) {
      ticks.push(tick);
      held += sizeOf(tick);
      while (ticks.length - head > maxTicks || (held > maxPositions && ticks.length - head > 1))
        drop();
    },
    since(lastSeq, currentSeq) {
      if (lastSeq >= currentSeq) return [];
      if (!covers(lastSeq)) return undefined;
      const latest = new Map<string, LivePosition>();
      for (let i = head; i < ticks.length; i++) {
        const t = ticks[i];
        if (!t || t.seq <= lastSeq) continue;
        for (const p of t.positions) latest.set(p.teamId, p);
      }
      return [...latest.values()];
    },
    layersSince(lastSeq, currentSeq) {
      if (lastSeq >= currentSeq) return [];
      if (!covers(lastSeq)) return undefined;
      const keys = new Map<string, LayerKey>();
      for (let i = head; i < ticks.length; i++) {
        const t = ticks[i];
        if (!t || t.seq <= lastSeq) continue;
        for (const k of t.layers ?? []) keys.set(`${k.layer}\u0000${k.id}`, k);
      }
      return [...keys.values()];
    },
    removeIncident(incidentId) {
      const out: LivePosition[] = [];
      for (let i = head; i < ticks.length; i++) {
        const t = ticks[i];
        if (!t?.positions.some((p) => p.incidentId === incidentId)) continue;
        const kept: LivePosition[] = [];
        for (const p of t.positions) (p.incidentId === incidentId ? out : kept).push(p);
        held -= t.positions.length - kept.length;
        ticks[i] = { ...t, positions: kept };
      }
      return out;
    },
  };
}
