import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  ZCallupLiveRow,
  ZTeamMapItem,
  type AssignmentStatus,
  type Capability,
  type DeploymentStatus,
  type TCallupLiveRow,
  type TTeamMapItem,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import {
  statedAll,
  type MapAudience,
  type MapLayerItem,
  type MapLayerSource,
} from '../../platform/realtime/layer-source.ts';
import {
  CALLUP_BOARD_EVENT_TYPES,
  CALLUP_BOARD_LAYER,
  callupBoardItem,
  type CallupBoardEventType,
} from './callup-board.ts';
import { forcesCallupAssignments, forcesIncidents } from './callup-tables.ts';
import { forcesCapabilities, forcesMembers, forcesTeams } from './tables.ts';

/*
 * The forces module's layers of the command map (ADR 0006): every approved or deployed team
 * (`teams`: available ones at their base, deployed ones drawn at their live position from the
 * positions stream) and the live acceptance board of call-ups (`callups`). Items are stated from
 * the module's own tables on each event, never patched from the event alone.
 */

type Assignment = typeof forcesCallupAssignments.$inferSelect;

/** Who sees teams: the office, commanders, departments and observers (the policy then decides
 * how much: the leader's phone is dropped for departments and observers), and the team itself. */
const teamAudience = (teamId: string): MapAudience => ({
  roles: ['admin', 'duty_officer', 'commander', 'department', 'observer'],
  teamId,
});

/** A team's status on the map from its open assignment (none: available at its base). */
function mapStatus(a: Assignment | undefined): TTeamMapItem['status'] {
  if (!a) return 'available';
  if (a.status === 'alerted') return 'alerted';
  switch (a.deployment as DeploymentStatus | null) {
    case 'on_scene':
    case 'working':
      return 'on_scene';
    case 'returning':
      return 'returning';
    default:
      return 'en_route';
  }
}

/** The open assignment of each team (accepted before alerted, the latest first). */
async function openAssignments(db: Executor, teamIds?: readonly string[]) {
  const rows = await db
    .select()
    .from(forcesCallupAssignments)
    .where(
      and(
        inArray(forcesCallupAssignments.status, ['alerted', 'accepted']),
        teamIds ? inArray(forcesCallupAssignments.teamId, [...teamIds]) : undefined,
      ),
    )
    .orderBy(desc(forcesCallupAssignments.alertedAt));
  const by = new Map<string, Assignment>();
  for (const r of rows) {
    const held = by.get(r.teamId);
    if (!held || (held.status === 'alerted' && r.status === 'accepted')) by.set(r.teamId, r);
  }
  return by;
}

async function teamItems(
  db: Executor,
  teamIds?: readonly string[],
): Promise<MapLayerItem<TTeamMapItem>[]> {
  const open = await openAssignments(db, teamIds);
  const ids = teamIds ?? undefined;
  const teams = await db
    .select()
    .from(forcesTeams)
    .where(ids ? inArray(forcesTeams.id, [...ids]) : eq(forcesTeams.status, 'approved'));
  const shown = teams.filter((t) => t.status === 'approved' || open.has(t.id));
  if (shown.length === 0) return [];
  const shownIds = shown.map((t) => t.id);
  const [caps, counts] = await Promise.all([
    db.select().from(forcesCapabilities).where(inArray(forcesCapabilities.teamId, shownIds)),
    db
      .select({ teamId: forcesMembers.teamId, n: sql<number>`count(*)::int` })
      .from(forcesMembers)
      .where(and(inArray(forcesMembers.teamId, shownIds), isNull(forcesMembers.leftAt)))
      .groupBy(forcesMembers.teamId),
  ]);
  const capsOf = new Map<string, Capability[]>();
  for (const c of caps)
    capsOf.set(c.teamId, [...(capsOf.get(c.teamId) ?? []), c.capability as Capability]);
  const countOf = new Map(counts.map((c) => [c.teamId, c.n]));
  return shown.map((t) => {
    const a = open.get(t.id);
    const deployed = a?.status === 'accepted';
    return {
      id: t.id,
      data: {
        teamId: t.id,
        name: t.name.slice(0, 100),
        kind: t.kind as TTeamMapItem['kind'],
        status: mapStatus(a),
        capabilities: (capsOf.get(t.id) ?? []).slice(0, 20),
        people: deployed ? (a.people ?? 0) : (countOf.get(t.id) ?? 0),
        // A deployed team is drawn where it is (map:positions), not at its base.
        ...(deployed ? {} : { base: { lon: t.baseLon, lat: t.baseLat } }),
        ...(a ? { incidentId: a.incidentId } : {}),
        contactPhone: t.leaderPhone,
      },
      audience: teamAudience(t.id),
      exercise: a?.exercise ?? false,
      ...(a ? { incidentId: a.incidentId } : {}),
      subject: { type: 'team', id: t.id, teamId: t.id },
    };
  });
}

/** Teams an event is about: its team, or every team of its call-up. */
async function teamsOf(db: Executor, data: { teamId?: string; callupId?: string }) {
  if (data.teamId) return [data.teamId];
  if (!data.callupId) return [];
  const rows = await db
    .select({ teamId: forcesCallupAssignments.teamId })
    .from(forcesCallupAssignments)
    .where(eq(forcesCallupAssignments.callupId, data.callupId));
  return [...new Set(rows.map((r) => r.teamId))];
}

const TEAM_EVENT_TYPES = [
  'forces.team.approved',
  'forces.team.lapsed',
  'forces.team.suspended',
  'forces.team.reinstated',
  'forces.team.revoked',
  'forces.team.maintained',
  ...CALLUP_BOARD_EVENT_TYPES,
  'forces.callup.closed',
] as const;

/**
 * The teams layer: approved teams at their base (`available`, clustered by the map), teams on a
 * call-up as `alerted`, then en route / on scene / returning with the incident they serve. The
 * leader's phone is a `contact` field: whole for a commander of that incident while deployed and
 * for the office, masked for other commanders, dropped for departments and observers.
 */
export const teamsMapSource: MapLayerSource<TTeamMapItem, (typeof TEAM_EVENT_TYPES)[number]> = {
  layer: 'teams',
  eventTypes: TEAM_EVENT_TYPES,
  schema: ZTeamMapItem,
  async changes(event, db) {
    const ids = await teamsOf(db, event.data);
    if (ids.length === 0) return [];
    return statedAll(ids, await teamItems(db, ids));
  },
  snapshot: (db) => teamItems(db),
};

/** A board row as the tables hold it now. */
export function liveRowOf(a: Assignment): TCallupLiveRow {
  const at = a.stoodDownAt ?? a.statusAt ?? a.checkedInAt ?? a.answeredAt ?? a.alertedAt;
  return {
    callupId: a.callupId,
    incidentId: a.incidentId,
    teamId: a.teamId,
    exercise: a.exercise,
    capability: a.capability as Capability,
    status: a.status as AssignmentStatus,
    deployment: a.deployment as DeploymentStatus | null,
    ackDeadline: a.ackDeadline.toISOString(),
    at: at.toISOString(),
    ...(a.people !== null ? { people: a.people } : {}),
    ...(a.status === 'timed_out' ? { timedOut: true } : {}),
    ...(a.escalatedFrom ? { escalatedFrom: a.escalatedFrom } : {}),
  };
}

/**
 * Who sees a board row: the incident's commanders, duty officers and admins, and the team (its
 * portal's alert) — the rooms `callupBoardItem` names. The row holds no personal information.
 */
export const boardAudience = (r: { incidentId: string; teamId: string }): MapAudience => ({
  roles: ['admin', 'duty_officer'],
  incidentId: r.incidentId,
  teamId: r.teamId,
});

const boardItem = (row: TCallupLiveRow): MapLayerItem<TCallupLiveRow> => ({
  id: `${row.callupId}:${row.teamId}`,
  data: row,
  audience: boardAudience(row),
  exercise: row.exercise,
  incidentId: row.incidentId,
});

/** Board rows of open incidents (one call-up's, or all). */
async function boardRows(db: Executor, callupId?: string) {
  const rows = await db
    .select({ a: forcesCallupAssignments })
    .from(forcesCallupAssignments)
    .innerJoin(forcesIncidents, eq(forcesIncidents.id, forcesCallupAssignments.incidentId))
    .where(
      and(
        eq(forcesIncidents.status, 'open'),
        callupId ? eq(forcesCallupAssignments.callupId, callupId) : undefined,
      ),
    )
    .limit(5000);
  return rows.map((r) => r.a);
}

/**
 * The live acceptance board (`callups`): one row per team on a call-up of an open incident,
 * `callupBoardItem` folding each event over the row the tables hold (so an older event changes
 * nothing); a call-up closed with its incident takes its rows off.
 */
export const callupsMapSource: MapLayerSource<
  TCallupLiveRow,
  CallupBoardEventType | 'forces.callup.closed'
> = {
  layer: CALLUP_BOARD_LAYER,
  eventTypes: [...CALLUP_BOARD_EVENT_TYPES, 'forces.callup.closed'],
  schema: ZCallupLiveRow,
  async changes(event, db) {
    if (event.type === 'forces.callup.closed') {
      const open = await boardRows(db, event.data.callupId);
      if (open.length > 0)
        return open.map((a) => ({ op: 'upsert', item: boardItem(liveRowOf(a)) }));
      const all = await db
        .select({ teamId: forcesCallupAssignments.teamId })
        .from(forcesCallupAssignments)
        .where(eq(forcesCallupAssignments.callupId, event.data.callupId));
      return all.map((r) => ({ op: 'remove', id: `${event.data.callupId}:${r.teamId}` }));
    }
    const [held] = await db
      .select()
      .from(forcesCallupAssignments)
      .where(
        and(
          eq(forcesCallupAssignments.callupId, event.data.callupId),
          eq(forcesCallupAssignments.teamId, event.data.teamId),
        ),
      );
    const pushed = callupBoardItem(event, held ? liveRowOf(held) : undefined);
    return [{ op: 'upsert', item: boardItem(pushed.item.data) }];
  },
  snapshot: async (db) => (await boardRows(db)).map((a) => boardItem(liveRowOf(a))),
};

/** The forces module's map layer sources, for the realtime gateway. */
export const forcesMapSources = [teamsMapSource, callupsMapSource] as const;
