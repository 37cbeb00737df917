import type { TMapPosition } from '@muster/contracts';

/** Points a trail keeps per team: enough for the last stretch of a deployment, bounded. */
export const TRAIL_POINTS = 30;

/** `[lon, lat, reportedAtMs]`, oldest first. */
export type TrailPoint = readonly [number, number, number];

export interface Trails {
  add(p: TMapPosition): void;
  of(teamId: string): readonly TrailPoint[];
  /** Forgets the trails of teams not in the set (a snapshot took their exact position away). */
  keepOnly(teamIds: ReadonlySet<string>): void;
}

/**
 * The recent exact positions of each team, kept in the browser from the positions this viewer
 * was sent exact — so a trail shows only where the policy showed the team whole. Nothing is
 * stored: a reload starts the trails afresh.
 */
export function createTrails(): Trails {
  const byTeam = new Map<string, TrailPoint[]>();
  return {
    add(p) {
      const at = Date.parse(p.reportedAt);
      const points = byTeam.get(p.teamId) ?? [];
      const last = points.at(-1);
      if (last && last[2] >= at) return;
      points.push([p.lon, p.lat, at]);
      if (points.length > TRAIL_POINTS) points.shift();
      byTeam.set(p.teamId, points);
    },
    of: (teamId) => byTeam.get(teamId) ?? [],
    keepOnly(teamIds) {
      for (const id of byTeam.keys()) if (!teamIds.has(id)) byTeam.delete(id);
    },
  };
}
