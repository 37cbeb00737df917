import { and, eq } from 'drizzle-orm';
import { AppError, type Capability, type TCallupNeeds } from '@muster/contracts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { forcesCallupAssignments, forcesCallups, forcesIncidents } from './callup-tables.ts';

export type IncidentRow = typeof forcesIncidents.$inferSelect;
export type CallupRow = typeof forcesCallups.$inferSelect;
export type AssignmentRow = typeof forcesCallupAssignments.$inferSelect;

/** An incident forces knows of (its report has arrived); 404 otherwise. */
export async function knownIncident(db: Executor, id: string): Promise<IncidentRow> {
  const [row] = await db.select().from(forcesIncidents).where(eq(forcesIncidents.id, id)).limit(1);
  if (!row?.reportedAt) throw new AppError('forces.incident_unknown', id);
  return row;
}

export function requireOpenIncident(incident: IncidentRow): void {
  if (incident.status !== 'open') throw new AppError('forces.incident_closed', incident.id);
}

/** Whether the viewer commands the incident: a `command` grant, or the commander its level names. */
export function commands(viewer: Viewer, incident: Pick<IncidentRow, 'id' | 'commanderAccountId'>) {
  return (
    viewer.role === 'commander' &&
    (viewer.commands.has(incident.id) || incident.commanderAccountId === viewer.accountId)
  );
}

/** Call-ups are ordered and directed by a duty officer or the incident's own commander. */
export function requireIncidentAuthority(
  viewer: Viewer,
  incident: Pick<IncidentRow, 'id' | 'commanderAccountId'>,
): void {
  if (viewer.role === 'duty_officer' || commands(viewer, incident)) return;
  throw new AppError('forces.not_incident_commander');
}

/** Locks a call-up for a change: every change of its board takes this lock first. */
export async function lockCallup(tx: Tx, id: string): Promise<CallupRow> {
  const [row] = await tx.select().from(forcesCallups).where(eq(forcesCallups.id, id)).for('update');
  if (!row) throw new AppError('forces.callup_not_found', id);
  return row;
}

export async function loadCallup(db: Executor, id: string): Promise<CallupRow> {
  const [row] = await db.select().from(forcesCallups).where(eq(forcesCallups.id, id)).limit(1);
  if (!row) throw new AppError('forces.callup_not_found', id);
  return row;
}

export function requireOpenCallup(c: CallupRow): void {
  if (c.status !== 'open') throw new AppError('forces.callup_closed');
}

export async function assignmentsOf(db: Executor, callupId: string): Promise<AssignmentRow[]> {
  return db
    .select()
    .from(forcesCallupAssignments)
    .where(eq(forcesCallupAssignments.callupId, callupId))
    .orderBy(forcesCallupAssignments.alertedAt, forcesCallupAssignments.id);
}

/** The team's place on the call-up, locked for a change (after the call-up's own lock). */
export async function lockAssignment(
  tx: Tx,
  callupId: string,
  teamId: string,
): Promise<AssignmentRow> {
  const [row] = await tx
    .select()
    .from(forcesCallupAssignments)
    .where(
      and(
        eq(forcesCallupAssignments.callupId, callupId),
        eq(forcesCallupAssignments.teamId, teamId),
      ),
    )
    .for('update');
  if (!row) throw new AppError('forces.no_alert');
  return row;
}

export interface NeedProgress {
  capability: Capability;
  count: number;
  accepted: number;
  pending: number;
  exhausted: boolean;
}

/** Teams accepted (or served and stood down) and alerts pending, per need. */
export function progressOf(c: CallupRow, board: readonly AssignmentRow[]): NeedProgress[] {
  return c.needs.map((n) => {
    const mine = board.filter((a) => a.capability === n.capability);
    return {
      capability: n.capability,
      count: n.count,
      accepted: mine.filter((a) => a.status === 'accepted' || a.status === 'stood_down').length,
      pending: mine.filter((a) => a.status === 'alerted').length,
      exhausted: c.exhausted.includes(n.capability),
    };
  });
}

export const isFilled = (p: readonly NeedProgress[]): boolean =>
  p.every((n) => n.accepted >= n.count);

/** The call-up as matching needs it: all of its needs, or only the one given. */
export function needsOf(c: CallupRow, only?: { capability: Capability; count: number }) {
  const needs: TCallupNeeds = {
    incidentId: c.incidentId,
    capabilities: only ? [only] : c.needs,
    rallyPoint: { lon: c.rallyLon, lat: c.rallyLat },
    window: { from: c.windowFrom.toISOString(), to: c.windowTo.toISOString() },
    insuranceRequired: c.insuranceRequired,
    ...(c.maxDistanceKm !== null ? { maxDistanceKm: c.maxDistanceKm } : {}),
  };
  return needs;
}
