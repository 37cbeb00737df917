import { ZMapPosition, type TMapPosition } from '@muster/contracts';
import { decide, project, type Subject } from '../access/policy.ts';
import type { AuditInput } from '../access/audit-writer.ts';
import { classViewer, roomShows, type RoomClass } from './rooms.ts';
import type { LivePosition } from './positions.ts';

/** Incidents a team is deployed to now (active deployment grants). */
export type DeployedTo = (teamId: string) => ReadonlySet<string>;

export interface RoomProjection {
  positions: TMapPosition[];
  /** Whole views of a live location, one per team (actor: the room's stand-in; see live-audit). */
  views: AuditInput[];
}

function teamSubject(teamId: string, deployedTo: ReadonlySet<string>): Subject {
  return { type: 'team', id: teamId, teamId, deployedTo };
}

/**
 * Projects positions for a room: those the room carries, each through the one policy
 * (`decide`/`project` in access/policy.ts) for the room's stand-in viewer and purpose. A position
 * the policy drops is left out; a masked one is coarse and loses its accuracy.
 */
export function projectForRoom(
  room: RoomClass,
  positions: readonly LivePosition[],
  deployedTo: DeployedTo,
): RoomProjection {
  const { viewer, purpose } = classViewer(room);
  const out: TMapPosition[] = [];
  const views: AuditInput[] = [];
  for (const p of positions) {
    const deployed = deployedTo(p.teamId);
    if (!roomShows(room, p.teamId, deployed)) continue;
    const subject = teamSubject(p.teamId, deployed);
    const disclosure = decide(viewer, 'location', subject, purpose);
    if (disclosure === 'dropped') continue;
    const item: TMapPosition = {
      teamId: p.teamId,
      ...(p.incidentId ? { incidentId: p.incidentId } : {}),
      lon: p.lon,
      lat: p.lat,
      ...(disclosure === 'whole' && p.accuracyM !== undefined ? { accuracyM: p.accuracyM } : {}),
      reportedAt: p.reportedAt,
      precision: disclosure === 'whole' ? 'exact' : 'coarse',
      exercise: p.exercise,
    };
    const projected = project(ZMapPosition, item, { viewer, purpose, subjectOf: () => subject });
    if (projected.value.lon === undefined || projected.value.lat === undefined) continue;
    out.push(projected.value);
    // `project` names each whole field (lon, lat); one view of the position is what is audited.
    const first = projected.views[0];
    if (first) views.push({ ...first, field: 'position' });
  }
  return { positions: out, views };
}

/**
 * Merges the projections of a socket's rooms into what that socket may see: one position per
 * team and precision (two rooms can carry the same coarse position).
 */
export function mergeProjections(parts: readonly TMapPosition[][]): TMapPosition[] {
  const byKey = new Map<string, TMapPosition>();
  for (const part of parts)
    for (const p of part) {
      const key = `${p.teamId}|${p.precision}`;
      const held = byKey.get(key);
      if (!held || Date.parse(held.reportedAt) <= Date.parse(p.reportedAt)) byKey.set(key, p);
    }
  return [...byKey.values()];
}
