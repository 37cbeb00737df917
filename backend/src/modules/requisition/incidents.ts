import { eq, sql, type AnyColumn } from 'drizzle-orm';
import { AppError } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { requisitionIncidents } from './tables.ts';

export type IncidentRow = typeof requisitionIncidents.$inferSelect;

/** The incident as this module knows it; unknown is a 404 naming it. */
export async function requireIncident(db: Executor, incidentId: string): Promise<IncidentRow> {
  const [row] = await db
    .select()
    .from(requisitionIncidents)
    .where(eq(requisitionIncidents.incidentId, incidentId))
    .limit(1);
  if (!row) throw new AppError('requisition.incident_unknown', incidentId);
  return row;
}

/** Property may be requisitioned and handed over only while the response goes on (art. 12). */
export function requireLive(incident: IncidentRow): void {
  const ended = incident.terminatedAt ?? incident.closedAt;
  if (ended) throw new AppError('requisition.incident_ended', ended.toISOString());
}

const earliest = (col: AnyColumn, at: Date) => sql`least(${col}, ${at.toISOString()}::timestamptz)`;

/**
 * Records what an event says of an incident. Events of different types arrive in any order (one
 * durable consumer per type), so each writes only its own columns and the earliest end wins.
 */
export async function noteIncident(
  tx: Executor,
  e: {
    incidentId: string;
    exercise: boolean;
    drillRunId?: string | undefined;
    title?: string;
    reportedAt?: Date;
    terminatedAt?: Date;
    closedAt?: Date;
  },
): Promise<void> {
  const t = requisitionIncidents;
  await tx
    .insert(t)
    .values({
      incidentId: e.incidentId,
      exercise: e.exercise,
      drillRunId: e.drillRunId ?? null,
      title: e.title ?? null,
      reportedAt: e.reportedAt ?? null,
      terminatedAt: e.terminatedAt ?? null,
      closedAt: e.closedAt ?? null,
    })
    .onConflictDoUpdate({
      target: t.incidentId,
      set: {
        ...(e.title ? { title: e.title } : {}),
        ...(e.reportedAt ? { reportedAt: e.reportedAt } : {}),
        ...(e.terminatedAt ? { terminatedAt: earliest(t.terminatedAt, e.terminatedAt) } : {}),
        ...(e.closedAt ? { closedAt: earliest(t.closedAt, e.closedAt) } : {}),
        exercise: sql`${t.exercise} or ${e.exercise}`,
      },
    });
}
