/**
 * A team's latest reported position as the gateway holds it (unprojected: personal information,
 * kept in memory only and never logged).
 */
export interface LivePosition {
  teamId: string;
  incidentId?: string;
  lon: number;
  lat: number;
  accuracyM?: number;
  reportedAt: string;
  reportedAtMs: number;
  exercise: boolean;
}

export interface LatestPositions {
  /** Keeps the position if it is newer than the one held; false when it was stale. */
  upsert(p: LivePosition): boolean;
  /** The positions changed since the last call, and forgets that they changed. */
  takeChanged(): LivePosition[];
  all(): LivePosition[];
  /** Forgets positions reported before `beforeMs` (a team that stopped reporting). */
  evict(beforeMs: number): number;
  /** Forgets, and returns, the positions carrying this incident (its response ended). */
  removeIncident(incidentId: string): LivePosition[];
  size(): number;
}

/**
 * The latest position per team. A report older than the one held (a late delivery) is dropped.
 * Beyond `maxTeams` the team heard from longest ago is forgotten, so a flood of team ids cannot grow memory.
 */
export function createLatestPositions(maxTeams: number): LatestPositions {
  const latest = new Map<string, LivePosition>();
  const changed = new Set<string>();
  return {
    upsert(p) {
      const held = latest.get(p.teamId);
      if (held && held.reportedAtMs > p.reportedAtMs) return false;
      // Re-inserting keeps the map in arrival order: the first entry is the team heard from longest ago.
      latest.delete(p.teamId);
      latest.set(p.teamId, p);
      changed.add(p.teamId);
      if (latest.size > maxTeams) {
        const oldest = latest.keys().next().value;
        if (oldest !== undefined) {
          latest.delete(oldest);
          changed.delete(oldest);
        }
      }
      return true;
    },
    takeChanged() {
      const out: LivePosition[] = [];
      for (const id of changed) {
        const p = latest.get(id);
        if (p) out.push(p);
      }
      changed.clear();
      return out;
    },
    all: () => [...latest.values()],
    evict(beforeMs) {
      let n = 0;
      for (const [id, p] of latest) {
        if (p.reportedAtMs >= beforeMs) continue;
        latest.delete(id);
        changed.delete(id);
        n++;
      }
      return n;
    },
    removeIncident(incidentId) {
      const out: LivePosition[] = [];
      for (const [id, p] of latest) {
        if (p.incidentId !== incidentId) continue;
        latest.delete(id);
        changed.delete(id);
        out.push(p);
      }
      return out;
    },
    size: () => latest.size,
  };
}
